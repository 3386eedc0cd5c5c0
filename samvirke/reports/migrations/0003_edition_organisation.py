from django.conf import settings
from django.db import migrations, models


def editions_before_were_the_installations(apps, schema_editor):
    """Editions published before the field were the one configured organisation's."""
    apps.get_model("reports", "Edition").objects.update(organisation=settings.SAMVIRKE_ORGANISATION)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_edition_files_in_storage"),
    ]

    operations = [
        migrations.AddField(
            model_name="edition",
            name="organisation",
            field=models.SlugField(
                default="",
                help_text="The organisation whose report this is (its identifier).",
                max_length=100,
                verbose_name="organisation",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(editions_before_were_the_installations, migrations.RunPython.noop),
    ]
