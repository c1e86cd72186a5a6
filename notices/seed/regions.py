"""Regions (地区): the province-level regions, the cities the exhibition's boards name, and
Shenzhen's districts, which the Shenzhen variant of the case-study call (003) addresses.

Regions are shared by every edition. Codes are pinyin slugs; Shaanxi (陕西) keeps its
conventional double "a" to differ from Shanxi (山西).
"""

from conference.models import Region
from notices.seed.rows import upsert

K = Region.Kind

# code, kind, 中文名称, English name, parent code. Parents come before their children.
REGIONS: tuple[tuple[str, str, str, str, str | None], ...] = (
    ("beijing", K.MUNICIPALITY, "北京市", "Beijing", None),
    ("tianjin", K.MUNICIPALITY, "天津市", "Tianjin", None),
    ("hebei", K.PROVINCE, "河北省", "Hebei", None),
    ("shanxi", K.PROVINCE, "山西省", "Shanxi", None),
    ("neimenggu", K.AUTONOMOUS_REGION, "内蒙古自治区", "Inner Mongolia", None),
    ("liaoning", K.PROVINCE, "辽宁省", "Liaoning", None),
    ("jilin", K.PROVINCE, "吉林省", "Jilin", None),
    ("heilongjiang", K.PROVINCE, "黑龙江省", "Heilongjiang", None),
    ("shanghai", K.MUNICIPALITY, "上海市", "Shanghai", None),
    ("jiangsu", K.PROVINCE, "江苏省", "Jiangsu", None),
    ("zhejiang", K.PROVINCE, "浙江省", "Zhejiang", None),
    ("anhui", K.PROVINCE, "安徽省", "Anhui", None),
    ("fujian", K.PROVINCE, "福建省", "Fujian", None),
    ("jiangxi", K.PROVINCE, "江西省", "Jiangxi", None),
    ("shandong", K.PROVINCE, "山东省", "Shandong", None),
    ("henan", K.PROVINCE, "河南省", "Henan", None),
    ("hubei", K.PROVINCE, "湖北省", "Hubei", None),
    ("hunan", K.PROVINCE, "湖南省", "Hunan", None),
    ("guangdong", K.PROVINCE, "广东省", "Guangdong", None),
    ("guangxi", K.AUTONOMOUS_REGION, "广西壮族自治区", "Guangxi", None),
    ("hainan", K.PROVINCE, "海南省", "Hainan", None),
    ("chongqing", K.MUNICIPALITY, "重庆市", "Chongqing", None),
    ("sichuan", K.PROVINCE, "四川省", "Sichuan", None),
    ("guizhou", K.PROVINCE, "贵州省", "Guizhou", None),
    ("yunnan", K.PROVINCE, "云南省", "Yunnan", None),
    ("xizang", K.AUTONOMOUS_REGION, "西藏自治区", "Xizang (Tibet)", None),
    ("shaanxi", K.PROVINCE, "陕西省", "Shaanxi", None),
    ("gansu", K.PROVINCE, "甘肃省", "Gansu", None),
    ("qinghai", K.PROVINCE, "青海省", "Qinghai", None),
    ("ningxia", K.AUTONOMOUS_REGION, "宁夏回族自治区", "Ningxia", None),
    ("xinjiang", K.AUTONOMOUS_REGION, "新疆维吾尔自治区", "Xinjiang", None),
    ("taiwan", K.PROVINCE, "台湾省", "Taiwan", None),
    ("xianggang", K.SAR, "香港特别行政区", "Hong Kong SAR", None),
    ("aomen", K.SAR, "澳门特别行政区", "Macao SAR", None),
    # Province-level in its own right, not part of Xinjiang's government: no parent.
    ("bingtuan", K.CORPS, "新疆生产建设兵团", "Xinjiang Production and Construction Corps", None),
    # Sub-provincial cities and cities specifically designated in the state plan (副省级城市、
    # 计划单列市) that the regional boards of notice 001 name.
    ("nanjing", K.CITY, "南京市", "Nanjing", "jiangsu"),
    ("hangzhou", K.CITY, "杭州市", "Hangzhou", "zhejiang"),
    ("ningbo", K.CITY, "宁波市", "Ningbo", "zhejiang"),
    ("wuhan", K.CITY, "武汉市", "Wuhan", "hubei"),
    ("shenyang", K.CITY, "沈阳市", "Shenyang", "liaoning"),
    ("dalian", K.CITY, "大连市", "Dalian", "liaoning"),
    ("changchun", K.CITY, "长春市", "Changchun", "jilin"),
    ("haerbin", K.CITY, "哈尔滨市", "Harbin", "heilongjiang"),
    ("xian", K.CITY, "西安市", "Xi'an", "shaanxi"),
    ("jinan", K.CITY, "济南市", "Jinan", "shandong"),
    ("qingdao", K.CITY, "青岛市", "Qingdao", "shandong"),
    ("xiamen", K.CITY, "厦门市", "Xiamen", "fujian"),
    ("chengdu", K.CITY, "成都市", "Chengdu", "sichuan"),
    ("shenzhen", K.CITY, "深圳市", "Shenzhen", "guangdong"),
    # Shenzhen's districts and new district (区、新区), addressed by notice 003 (深圳).
    ("futian", K.DISTRICT, "福田区", "Futian District", "shenzhen"),
    ("luohu", K.DISTRICT, "罗湖区", "Luohu District", "shenzhen"),
    ("nanshan", K.DISTRICT, "南山区", "Nanshan District", "shenzhen"),
    ("yantian", K.DISTRICT, "盐田区", "Yantian District", "shenzhen"),
    ("baoan", K.DISTRICT, "宝安区", "Bao'an District", "shenzhen"),
    ("longgang", K.DISTRICT, "龙岗区", "Longgang District", "shenzhen"),
    ("longhua", K.DISTRICT, "龙华区", "Longhua District", "shenzhen"),
    ("pingshan", K.DISTRICT, "坪山区", "Pingshan District", "shenzhen"),
    ("guangming", K.DISTRICT, "光明区", "Guangming District", "shenzhen"),
    ("dapeng", K.DISTRICT, "大鹏新区", "Dapeng New District", "shenzhen"),
    # Not an administrative district: a cooperation zone across parts of Nanshan and Bao'an,
    # run by the 前海管理局 (Qianhai Authority), which notice 003 addresses beside the
    # districts. Kept as a district-kind region so that it can be a unit's region; Region
    # has no note field to say so.
    (
        "qianhai",
        K.DISTRICT,
        "前海深港现代服务业合作区",
        "Qianhai Shenzhen-Hong Kong Modern Service Industry Cooperation Zone",
        "shenzhen",
    ),
)


def load_regions() -> dict[str, Region]:
    """Every region of ``REGIONS``, by code."""
    regions: dict[str, Region] = {}
    for code, kind, name_zh, name_en, parent in REGIONS:
        regions[code] = upsert(
            Region,
            lookup={"code": code},
            values={
                "kind": kind,
                "name_zh": name_zh,
                "name_en": name_en,
                "parent": regions[parent] if parent else None,
            },
        )
    return regions
