"""Month names follow the active language, though each language's are cast only once."""

from django.utils.translation import override

from samvirke.lib.months import month_names


def test_the_names_are_those_of_the_active_language_each_time():
    seen = []
    for language in ("nn", "en", "nn", "nb", "en"):
        with override(language):
            seen.append((month_names()[5], month_names()[12]))
    assert seen == [
        ("mai", "desember"),
        ("May", "December"),
        ("mai", "desember"),
        ("mai", "desember"),
        ("May", "December"),
    ]
