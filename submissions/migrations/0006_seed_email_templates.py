from django.db import migrations

from submissions.email_templates import load_email_templates


def seed(apps, schema_editor):
    load_email_templates(apps.get_model("submissions", "EmailTemplate"))


class Migration(migrations.Migration):
    dependencies = [("submissions", "0005_review_reminders_exports")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
