"""The nine channels the publicity notice (000, 宣传资料征集) names. Organizers rename, reorder,
switch off or add channels in the admin; this only creates the ones that are missing."""

from django.db import migrations

CHANNELS = [
    ("website", "大会官网", "Conference website"),
    ("wechat", "微信公众号", "WeChat official account"),
    ("weibo", "微博", "Weibo"),
    ("douyin", "抖音", "Douyin"),
    ("wechat-channels", "视频号", "WeChat Channels"),
    ("facebook", "Facebook", "Facebook"),
    ("twitter", "Twitter/X", "Twitter/X"),
    ("linkedin", "LinkedIn", "LinkedIn"),
    ("media", "媒体推送", "Media push"),
]


def seed_channels(apps, schema_editor):
    Channel = apps.get_model("publication", "Channel")
    for order, (code, name_zh, name_en) in enumerate(CHANNELS, start=1):
        Channel.objects.get_or_create(
            code=code, defaults={"name_zh": name_zh, "name_en": name_en, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("publication", "0001_initial")]

    # Reversing keeps the rows: slots may already point at them.
    operations = [migrations.RunPython(seed_channels, migrations.RunPython.noop)]
