"""The national demo register: synthetic, reproducible, separate from Sogn's data."""

from django.core.management import call_command

from samvirke.registry.calc.national_demo import generate
from samvirke.registry.models import Cooperation, Municipality, Organisation, Participation


def test_the_generator_gives_the_same_register_for_the_same_seed():
    assert generate() == generate()
    assert generate(seed=1) != generate()


def test_the_generator_builds_a_national_register_that_says_it_is_synthetic():
    demo = generate()
    assert len(demo.municipalities) == 357
    assert len(demo.regions) == 15
    assert len(demo.cooperations) == 3000
    assert 16000 <= sum(len(c.participations) for c in demo.cooperations) <= 17000
    assert all("(syntetisk)" in m.name for m in demo.municipalities)
    assert all("(syntetisk)" in c.name for c in demo.cooperations)
    # outside SSB's numbers: the first two digits of a real one are its county (03–56)
    assert all(9001 <= int(m.number) <= 9357 for m in demo.municipalities)
    # each cooperation's participants and host belong to its own region
    members = {r.slug: set(r.members) for r in demo.regions}
    for cooperation in demo.cooperations:
        numbers = {p.municipality for p in cooperation.participations}
        assert numbers <= members[cooperation.region]
        assert cooperation.host in numbers | {""}


def test_loading_writes_every_record_with_history_once_beside_sogn(sogn):
    sogn_cooperations = set(Cooperation.objects.values_list("slug", flat=True))

    call_command("load", "national-demo")

    assert Municipality.objects.filter(number__startswith="9").count() == 357
    assert Organisation.objects.filter(slug__startswith="demo-region-").count() == 15
    demo = Cooperation.objects.filter(slug__startswith="demo-")
    assert demo.count() == 3000
    assert Participation.objects.filter(cooperation__in=demo).count() == sum(
        len(c.participations) for c in generate().cooperations
    )
    assert Cooperation.history.filter(slug__startswith="demo-").count() == 3000
    assert Participation.history.filter(cooperation__slug__startswith="demo-").count() > 16000
    # Sogn's records are untouched, and none of them takes part in a demo cooperation
    assert (
        set(Cooperation.objects.exclude(slug__startswith="demo-").values_list("slug", flat=True))
        == sogn_cooperations
    )
    assert not Participation.objects.filter(
        cooperation__in=demo, municipality__number__startswith="46"
    ).exists()

    call_command("load", "national-demo")
    assert Cooperation.history.filter(slug__startswith="demo-").count() == 3000
