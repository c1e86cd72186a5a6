# The models below were part of the submissions app until uploads was split out of it. Their
# tables keep their names (db_table), so only the state moves; the content types are renamed so
# that permissions, groups and the admin's history stay attached to them.

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


MOVED = ['uploadsession']


def claim_content_types(apps, schema_editor):
    _move_content_types(apps, "submissions", "uploads")


def return_content_types(apps, schema_editor):
    _move_content_types(apps, "uploads", "submissions")


def _move_content_types(apps, old, new):
    content_types = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not content_types.objects.filter(app_label=new, model=model).exists():
            content_types.objects.filter(app_label=old, model=model).update(app_label=new)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('units', '0003_unit_kinds_of_other_organizers'),
        ('submissions', '0011_move_achievements_and_uploads_out'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(claim_content_types, return_content_types),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='UploadSession',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('length', models.BigIntegerField()),
                        ('offset', models.BigIntegerField(default=0)),
                        ('filename', models.CharField(max_length=255)),
                        ('metadata', models.JSONField(default=dict)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('completed_at', models.DateTimeField(blank=True, null=True)),
                        ('consumed_at', models.DateTimeField(blank=True, null=True)),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='units.unit')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': '断点续传',
                        'verbose_name_plural': '断点续传',
                        'db_table': 'submissions_uploadsession',
                    },
                ),
            ],
        ),
    ]
