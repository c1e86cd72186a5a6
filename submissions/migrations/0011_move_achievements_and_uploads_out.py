# The case-study models moved to the achievements app and UploadSession to the uploads app.
# Their tables stay where they are (db_table); only Django's idea of which app owns them changes.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('submissions', '0010_call_file_prefix'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='casecategory',
                    name='requirement',
                ),
                migrations.RemoveField(
                    model_name='caseprompt',
                    name='category',
                ),
                migrations.RemoveField(
                    model_name='statisticmetric',
                    name='requirement',
                ),
                migrations.RemoveField(
                    model_name='uploadsession',
                    name='unit',
                ),
                migrations.RemoveField(
                    model_name='uploadsession',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='ReportCall',
                ),
                migrations.DeleteModel(
                    name='CaseCategory',
                ),
                migrations.DeleteModel(
                    name='CasePrompt',
                ),
                migrations.DeleteModel(
                    name='StatisticMetric',
                ),
                migrations.DeleteModel(
                    name='UploadSession',
                ),
            ],
        ),
    ]
