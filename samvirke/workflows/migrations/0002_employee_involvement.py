"""The services' employees: how they were involved (took part, invited to comment, …), not a
yes/no "took part" (the PPT investigation's employees were invited to comment, not part of it)."""

from django.db import migrations, models

CHOICES = [
    ("tok_del", "took part"),
    ("inviterte", "invited to comment"),
    ("ikkje", "not involved"),
    ("ukjend", "unknown"),
]
FROM_BOOL = {True: "tok_del", False: "ikkje", None: "ukjend"}


def forwards(apps, schema_editor):
    for name in ("InvestigationStep", "HistoricalInvestigationStep"):
        model = apps.get_model("workflows", name)
        for old, new in FROM_BOOL.items():
            model.objects.filter(employees=old).update(involvement=new)


def backwards(apps, schema_editor):
    for name in ("InvestigationStep", "HistoricalInvestigationStep"):
        model = apps.get_model("workflows", name)
        for old, new in FROM_BOOL.items():
            model.objects.filter(involvement=new).update(employees=old)


def field():
    return models.CharField(
        choices=CHOICES, default="ukjend", max_length=20, verbose_name="the services' employees"
    )


class Migration(migrations.Migration):
    dependencies = [("workflows", "0001_initial")]

    operations = [
        migrations.AddField("investigationstep", "involvement", field()),
        migrations.AddField("historicalinvestigationstep", "involvement", field()),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField("investigationstep", "employees"),
        migrations.RemoveField("historicalinvestigationstep", "employees"),
        migrations.RenameField("investigationstep", "involvement", "employees"),
        migrations.RenameField("historicalinvestigationstep", "involvement", "employees"),
    ]
