from django.conf import settings
from django.db import migrations, models


def earlier_builds(apps, schema_editor):
    """Builds queued before a build named its organisation were the installation's own."""
    ReportBuild = apps.get_model("jobs", "ReportBuild")
    ReportBuild.objects.filter(organisation="").update(organisation=settings.SAMVIRKE_ORGANISATION)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="reportbuild",
            name="organisation",
            field=models.SlugField(
                default="",
                help_text="The organisation whose report this is (its identifier).",
                max_length=100,
                verbose_name="organisation",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(earlier_builds, migrations.RunPython.noop),
    ]
