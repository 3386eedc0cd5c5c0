"""A municipality's kap. 17 overview: everything it is in, its role, what it pays, reviews."""

import csv
import io
import re

from django.core.management import call_command

from samvirke.registry.selectors import municipality_overview
from samvirke.reports import documents


def test_ardal_sees_every_cooperation_it_is_in_with_its_role(sogn):
    overview = municipality_overview("4643")
    rows = {i.cooperation.name: i for i in overview.involvements}
    for name in (
        "Løn",
        "PPT",
        "Veteranplan for Sognaregionen",
        "Næringsutvikling inkludert reiseliv",
        "Samfunnstryggleik og beredskap",
        "Ureining, miljø og tilsyn av private avløp",
        "Barnehage- og skuleutvikling",
        "Profil, merkevare og rekruttering",
        "NAV",
    ):
        assert name in rows, name
    assert "vertskommune" in rows["NAV"].roles
    assert "namngitt i statusen" in rows["Løn"].roles
    assert any(r.startswith("gjennom medlemskapen i Sogn KO") for r in rows["PPT"].roles)
    assert [o.slug for o in overview.organisations] == ["sogn-ko"]


def test_ardal_sees_what_it_pays_where_the_source_says(sogn):
    rows = {i.cooperation.name: i for i in municipality_overview("4643").involvements}
    assert any(
        "10 % frå kvar kommune" in p for p in rows["Næringsutvikling inkludert reiseliv"].payments
    )
    assert any("ber kostnad" in p for p in rows["Veteranplan for Sognaregionen"].payments)
    assert any("Eigeninnsats" in p for p in rows["Samfunnstryggleik og beredskap"].payments)
    assert "kostnadsberar" in rows["Samfunnstryggleik og beredskap"].roles
    for row in rows.values():
        assert row.review  # a date, or what is missing to set one


def test_the_same_overview_as_pdf_html_csv_and_api(sogn, client, tmp_path):
    html = documents.municipality_report("4643", "html").decode()
    assert "Veteranplan for Sognaregionen" in html and "10 % frå kvar kommune" in html
    rows = list(csv.reader(io.StringIO(documents.municipality_report("4643", "csv").decode())))
    names = [r[0] for r in rows[1:]]
    assert "Løn" in names and "NAV" in names
    assert len(rows[0]) == 6
    answer = client.get("/api/v1/municipalities/4643/overview").json()
    assert {i["cooperation"] for i in answer["involvements"]} >= {
        "lon",
        "ppt",
        "nav",
        "veteranplan",
    }
    out = tmp_path / "ardal.csv"
    call_command("report", "municipality", "4643", format="csv", out=out)
    assert out.read_text(encoding="utf-8").startswith("Samarbeid")


def test_the_csv_gives_decision_dates_as_people_read_them(sogn):
    rows = list(csv.reader(io.StringIO(documents.municipality_report("4643", "csv").decode())))
    decided = {r[0]: r[3] for r in rows[1:]}
    assert rows[0][3] == "Vedteke"
    assert decided["Barnevern"] == "desember 2025"
    assert decided["Kart, oppmåling og GIS"] == "november–desember 2025"
    assert decided["NAV"] == ""  # not recorded: left empty, never invented
    assert not any(re.fullmatch(r"\d{4}-\d{2}.*", value) for value in decided.values())


def test_ardal_sees_its_ko_membership_and_that_its_ipr_membership_is_unknown(sogn, client):
    """kap. 19 and kap. 18: Sogn KO's members are recorded; Sognarådet IPR works as one team
    with Sogn KO, but the source never names the council's members, so the overview says
    unknown in every format instead of guessing either way."""
    overview = municipality_overview("4643")
    assert [o.slug for o in overview.organisations] == ["sogn-ko"]
    assert [o.slug for o in overview.unknown_memberships] == ["sognaradet-ipr"]
    assert overview.forms_without_membership == []
    html = documents.municipality_report("4643", "html").decode()
    ipr = "Sognarådet interkommunalt politisk råd (interkommunalt politisk råd (IPR, kap. 18))"
    assert f"{ipr}: ukjend" in html
    rows = list(csv.reader(io.StringIO(documents.municipality_report("4643", "csv").decode())))
    assert ["Sognarådet interkommunalt politisk råd", "ukjend"] == [
        rows[-1][0],
        rows[-1][2].split(";")[0],
    ]
    answer = client.get("/api/v1/municipalities/4643/overview").json()
    assert {(o["slug"], o["member"]) for o in answer["organisations"]} == {
        ("sogn-ko", "yes"),
        ("sognaradet-ipr", "unknown"),
    }
    page = client.get("/kommunar/4643/", follow=True).content.decode()
    assert "IPR, kap. 18)): ukjend" in page


def test_a_municipality_outside_every_ko_and_ipr_says_none_is_registered(sogn):
    overview = municipality_overview("4638")  # Høyanger: in the register, not in Sogn KO
    assert overview.organisations == [] and overview.unknown_memberships == []
    html = documents.municipality_report("4638", "html").decode()
    assert "Kommunalt oppgåvefellesskap (KO, kap. 19): ingen registrert" in html
    assert "Interkommunalt politisk råd (IPR, kap. 18): ingen registrert" in html
