# The models below were part of the submissions app until achievements was split out of it. Their
# tables keep their names (db_table), so only the state moves; the content types are renamed so
# that permissions, groups and the admin's history stay attached to them.

import django.db.models.deletion
from django.db import migrations, models


MOVED = ['casecategory', 'caseprompt', 'statisticmetric', 'reportcall']


def claim_content_types(apps, schema_editor):
    _move_content_types(apps, "submissions", "achievements")


def return_content_types(apps, schema_editor):
    _move_content_types(apps, "achievements", "submissions")


def _move_content_types(apps, old, new):
    content_types = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_types.objects.filter(app_label=new, model=model).exists():
            content_types.objects.filter(app_label=old, model=model).update(app_label=new)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('submissions', '0011_move_achievements_and_uploads_out'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.RunPython(claim_content_types, return_content_types),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ReportCall',
                    fields=[
                    ],
                    options={
                        'verbose_name': '成效研究报告素材',
                        'verbose_name_plural': '成效研究报告素材',
                        'proxy': True,
                        'indexes': [],
                        'constraints': [],
                    },
                    bases=('submissions.call',),
                ),
                migrations.CreateModel(
                    name='CaseCategory',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=40, verbose_name='代码')),
                        ('title_zh', models.CharField(max_length=100, verbose_name='名称')),
                        ('title_en', models.CharField(blank=True, max_length=200, verbose_name='英文名称')),
                        ('guidance_zh', models.TextField(blank=True, verbose_name='通知要求')),
                        ('guidance_en', models.TextField(blank=True, verbose_name='通知要求（英文）')),
                        ('max_items', models.PositiveSmallIntegerField(blank=True, help_text='为空表示不限。', null=True, verbose_name='每个单位至多份数')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='排序')),
                        ('requirement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='case_categories', to='submissions.requirement', verbose_name='征集要求')),
                    ],
                    options={
                        'verbose_name': '案例类别',
                        'verbose_name_plural': '案例类别',
                        'db_table': 'submissions_casecategory',
                        'ordering': ['requirement', 'order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CasePrompt',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=40, verbose_name='代码')),
                        ('label_zh', models.CharField(max_length=200, verbose_name='要点')),
                        ('label_en', models.CharField(blank=True, max_length=300, verbose_name='要点（英文）')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='排序')),
                        ('category', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='prompts', to='achievements.casecategory', verbose_name='案例类别')),
                    ],
                    options={
                        'verbose_name': '案例要点',
                        'verbose_name_plural': '案例要点',
                        'db_table': 'submissions_caseprompt',
                        'ordering': ['category', 'order', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='StatisticMetric',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=60, verbose_name='代码')),
                        ('name_zh', models.CharField(max_length=200, verbose_name='指标')),
                        ('name_en', models.CharField(blank=True, max_length=300, verbose_name='指标（英文）')),
                        ('unit_of_measure', models.CharField(blank=True, max_length=30, verbose_name='计量单位')),
                        ('value_type', models.CharField(choices=[('integer', '整数'), ('decimal', '小数')], default='integer', max_length=10, verbose_name='数值类型')),
                        ('required', models.BooleanField(default=True, verbose_name='必填')),
                        ('help_text', models.CharField(blank=True, max_length=500, verbose_name='填写说明')),
                        ('order', models.PositiveSmallIntegerField(default=0, verbose_name='排序')),
                        ('is_example', models.BooleanField(default=False, help_text='通知未附统计表，此指标为平台预置的示例，请组委会核对、修改或删除。', verbose_name='示例指标')),
                        ('requirement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='metrics', to='submissions.requirement', verbose_name='征集要求')),
                    ],
                    options={
                        'verbose_name': '统计指标',
                        'verbose_name_plural': '统计指标',
                        'db_table': 'submissions_statisticmetric',
                        'ordering': ['requirement', 'order', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='casecategory',
                    constraint=models.UniqueConstraint(fields=('requirement', 'code'), name='case_category_unique'),
                ),
                migrations.AddConstraint(
                    model_name='caseprompt',
                    constraint=models.UniqueConstraint(fields=('category', 'code'), name='case_prompt_unique'),
                ),
                migrations.AddConstraint(
                    model_name='statisticmetric',
                    constraint=models.UniqueConstraint(fields=('requirement', 'code'), name='statistic_metric_unique'),
                ),
            ],
        ),
    ]
