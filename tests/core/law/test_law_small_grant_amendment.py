"""Dz.U. 2026 poz. 1040 as data (issue 17, "Amendments as data"): art. 19a's limits from 1.09.2026.

What the sources say (secondary only: the act's text could not be read here, so the amendment is
`verified = false` in rules.toml):
- "For offers submitted on or after 1 September 2026 the cap is 20 000 zł per task. There is no longer
  any 90-day limit on duration. One organisation may receive at most 40 000 zł a year in this mode [...].
  The mode may use at most 30 % of the grants the city plans for NGO tasks. [...] Only offers submitted
  before 1 September 2026 remain under the old 10 000 zł / 90-day rules." (civic-assistant test set,
  PL-CIV-14, citing Dz.U. 2026 poz. 1040)
- the 2025 draft: "z 10 tys. do 20 tys. zł", "z 20 tys. do 40 tys. zł", "z 20 proc. do 30 proc. dotacji
  planowanych w roku budżetowym na realizację zadań publicznych przez organizacje pozarządowe"
  (gazetaprawna.pl, 05.2025).
An unverified wording never makes an error on its own: a finding only one of the two wordings (before
and after 1.09.2026) gives is a warning naming the amendment; what breaches both stays an error.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.db.models import Contract, ContractParty, Procedure, Tranche
from app.core.domain.enums import ContractForm, ContractStatus, ProcedureRoute
from app.core.errors import UserFacingError
from app.core.law import rules as R
from app.core.law.data import LAW_FILES, law, law_dir, load_law
from app.core.law.rules import _Ctx, blocking, check_procedure
from app.core.law.types import Severity

D = dt.date
TODAY = D(2026, 12, 7)
AFTER, BEFORE = D(2026, 10, 15), D(2026, 8, 15)  # offers received after / before 1.09.2026
NBSP = "\xa0"


def ctx() -> _Ctx:
    return _Ctx(TODAY, None)


def offer(
    received: dt.date,
    amount: str = "15000.00",
    start: dt.date = D(2026, 11, 2),
    end: dt.date = D(2026, 12, 20),
    pid: int = 2,
    applicant: int | None = None,
) -> Procedure:
    # 2.11–20.12.2026: 29 (November) + 20 (December) = 49 days, within 90
    # published the day after receipt, in all three places, for 7 days (19A-2 and 19A-5 satisfied)
    shown = received + dt.timedelta(days=1)
    return Procedure(
        id=pid,
        route=ProcedureRoute.SMALL_GRANT_19A,
        title="Festyn",
        budget_year=2026,
        planned_amount=Decimal(amount),
        task_start=start,
        task_end=end,
        received_date=received,
        applicant_id=applicant,
        publication_start=shown,
        publication_end=shown + dt.timedelta(days=7),
        offer_published_board=shown,
        offer_published_website=shown,
    )


def grant(cid: int, org: int, amount: str, year: int = 2026) -> Contract:
    return Contract(
        id=cid,
        number=f"{cid}/2026",
        title="Festyn",
        form=ContractForm.WSPARCIE,
        status=ContractStatus.ACTIVE,
        start_date=D(year, 11, 1),
        end_date=D(year, 12, 15),
        signed_date=D(year, 10, 30),
        parties=[ContractParty(organisation_id=org)],
        tranches=[
            Tranche(
                budget_year=year,
                amount=Decimal(amount),
                use_deadline=D(year, 12, 31),
                return_deadline=D(year + 1, 1, 31),
            )
        ],
    )


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


def test_the_amendment_is_data_unverified_with_its_sources() -> None:
    for rule_id, key, old, new in (
        ("19A-1", "max_amount", "10000.00", "20000.00"),
        ("19A-3", "max_share", "0.20", "0.30"),
        ("19A-4", "max_per_organisation", "20000.00", "40000.00"),
    ):
        spec = law().rule(rule_id)
        amendment = spec.versions[1]
        assert (amendment.act_version, amendment.in_force_from) == ("Dz.U. z 2026 r. poz. 1040", D(2026, 9, 1))
        assert amendment.verified is False and "api.sejm.gov.pl/eli/acts/DU/2026/1040" in amendment.source
        assert spec.params_on(D(2026, 8, 31))[key] == old and spec.params_on(D(2026, 9, 1))[key] == new
        assert spec.unverified_amendment_on(AFTER) is amendment and spec.unverified_amendment_on(BEFORE) is None
    # "There is no longer any 90-day limit on duration": the parameter is repealed, not set to a sentinel
    assert "max_days" not in law().rule("19A-1").params_on(D(2026, 9, 1))
    assert law().rule("19A-1").params_on(D(2026, 8, 31))["max_days"] == 90


def test_15000_received_15_october_2026_is_no_error_but_a_warning_naming_the_amendment() -> None:
    # 10 000 < 15 000 <= 20 000: over the old limit only -> a warning, never an error
    [f] = R.rule_19a_1(offer(AFTER), [], ctx())
    assert f.severity is Severity.WARNING and not f.missing_data
    assert "poz. 1040" in f.message and "2026" in f.message and "1.09.2026" in f.message
    assert "15 000,00 zł" in plain(f.message) and "10 000,00 zł" in plain(f.message)
    assert "art. 19a ust. 1" in f.message
    # the services refuse only errors: the clerk may save it (after confirming the warning)
    assert blocking(check_procedure(offer(AFTER), TODAY)) == []


def test_15000_received_15_august_2026_is_an_error_as_before() -> None:
    # received before 1.09.2026: the old text, 15 000 > 10 000
    [f] = R.rule_19a_1(offer(BEFORE), [], ctx())
    assert f.severity is Severity.ERROR and "10 000,00 zł" in plain(f.message) and "1040" not in f.message
    assert [x.rule_id for x in blocking(check_procedure(offer(BEFORE), TODAY))] == ["19A-1"]


def test_25000_received_15_october_2026_is_over_the_new_limit_too() -> None:
    # 25 000 > 20 000 (new) and > 10 000 (old): a breach in both wordings stays an error
    [f] = R.rule_19a_1(offer(AFTER, "25000.00"), [], ctx())
    assert f.severity is Severity.ERROR
    assert "25 000,00 zł" in plain(f.message) and "20 000,00 zł" in plain(f.message) and "poz. 1040" in f.message
    # exactly 20 000 is within "do 20 000 zł" -> only the old-wording warning
    [w] = R.rule_19a_1(offer(AFTER, "20000.00"), [], ctx())
    assert w.severity is Severity.WARNING


def test_a_120_day_task_received_15_october_2026_is_no_duration_breach() -> None:
    # 1.11.2026–28.02.2027: 30 (Nov) + 31 (Dec) + 31 (Jan) + 28 (Feb) = 120 days, grant 9 500 zł
    long = offer(AFTER, "9500.00", start=D(2026, 11, 1), end=D(2027, 2, 28))
    [f] = R.rule_19a_1(long, [], ctx())
    assert f.severity is Severity.WARNING and "120" in f.message and "90" in f.message and "poz. 1040" in f.message
    # the same task on an offer of 15.08.2026: 120 > 90 days of the old text -> an error
    before = offer(BEFORE, "9500.00", start=D(2026, 11, 1), end=D(2027, 2, 28))
    [e] = R.rule_19a_1(before, [], ctx())
    assert e.severity is Severity.ERROR and "120" in e.message and "1040" not in e.message
    # no task dates on a post-amendment offer: the old text needed them, so they are still asked for
    [m] = R.rule_19a_1(offer(AFTER, "9500.00", start=None, end=None), [], ctx())  # type: ignore[arg-type]
    assert m.missing_data


def test_per_organisation_yearly_limit_40000_from_the_amendment_20000_before() -> None:
    earlier = grant(1, 7, "15000.00")
    later = grant(2, 7, "15000.00")
    # 15 000 + 15 000 = 30 000: over 20 000 (old), within 40 000 (new)
    [w] = R.rule_19a_4(later, [earlier], ctx(), received=AFTER)
    assert w.severity is Severity.WARNING and "30 000,00 zł" in plain(w.message) and "poz. 1040" in w.message
    [e] = R.rule_19a_4(later, [earlier], ctx(), received=BEFORE)
    assert e.severity is Severity.ERROR and "20 000,00 zł" in plain(e.message)
    # 15 000 + 30 000 = 45 000 > 40 000: an error in both wordings
    [x] = R.rule_19a_4(grant(3, 7, "30000.00"), [earlier], ctx(), received=AFTER)
    assert x.severity is Severity.ERROR and "45 000,00 zł" in plain(x.message) and "40 000,00 zł" in plain(x.message)
    # the offer recorded before its contract: 15 000 asked + 15 000 granted = 30 000
    [o] = R.rule_19a_4_offer(offer(AFTER, applicant=7, pid=9), [earlier], ctx())
    assert o.severity is Severity.WARNING and o.record.entity == "procedure"
    [o] = R.rule_19a_4_offer(offer(BEFORE, applicant=7, pid=9), [earlier], ctx())
    assert o.severity is Severity.ERROR


def test_share_cap_30_percent_from_the_amendment_20_percent_before() -> None:
    budget = {2026: Decimal("100000.00")}
    august = [offer(D(2026, 8, 3), "9000.00", pid=2), offer(D(2026, 8, 4), "6000.00", pid=3)]  # 15 000 = 15%
    # + 10 000 on 15.10: 25 000 / 100 000 = 25%: over 20% (old), within 30% (new) -> a warning
    [w] = R.rule_19a_3([*august, offer(AFTER, "10000.00", pid=4)], {}, budget, ctx())
    assert w.severity is Severity.WARNING and "25,0%" in w.message and "poz. 1040" in w.message
    assert w.record.id == 4
    # the same 10 000 received 15.08: 25% > 20% -> an error, as before
    [e] = R.rule_19a_3([*august, offer(BEFORE, "10000.00", pid=4)], {}, budget, ctx())
    assert e.severity is Severity.ERROR and "20%" in e.message
    # 15 000 + 15 000 = 30 000 = 30%: "nie może przekroczyć" allows exactly 30% -> only the old-wording warning
    [w] = R.rule_19a_3([*august, offer(AFTER, "15000.00", pid=4)], {}, budget, ctx())
    assert w.severity is Severity.WARNING
    # + 10 000 + 6 000 on 15.10: 25% (warning), then 31 000 = 31% > 30% -> an error on the second one
    found = R.rule_19a_3([*august, offer(AFTER, "10000.00", pid=4), offer(AFTER, "6000.00", pid=5)], {}, budget, ctx())
    assert [(f.severity, f.record.id) for f in found] == [(Severity.WARNING, 4), (Severity.ERROR, 5)]
    assert "31,0%" in found[1].message and "30%" in found[1].message


def _amended_rules(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "law"
    folder.mkdir()
    for name in LAW_FILES:
        shutil.copy(law_dir() / name, folder / name)
    text = (folder / "rules.toml").read_text(encoding="utf-8")
    assert old in text
    (folder / "rules.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "new, expected",
    [
        # a repealed parameter the rule does not have
        ('removes = ["max_weeks"]', "max_weeks"),
        # set and repealed at once
        ('removes = ["max_days"]\nmax_days = 60', "max_days"),
        # "verified" is yes or no
        ('removes = ["max_days"]\nnote = "x"', None),
    ],
)
def test_invalid_amendment_fields_are_refused(tmp_path: Path, new: str, expected: str | None) -> None:
    if expected is None:  # "verified" is yes or no
        folder = _amended_rules(
            tmp_path,
            'verified = false\ntext = """Not the act\'s wording (not found): "For offers',
            'verified = "tak"\ntext = """Not the act\'s wording (not found): "For offers',
        )
        expected = "verified"
    else:
        folder = _amended_rules(tmp_path, 'removes = ["max_days"]', new)
    with pytest.raises(UserFacingError) as info:
        load_law(folder)
    assert expected in info.value.message


def test_a_verified_amendment_judges_alone(tmp_path: Path) -> None:
    # once someone reads the act and sets verified = true, 15 000 on 15.10.2026 is simply within 20 000
    folder = _amended_rules(
        tmp_path,
        'verified = false\ntext = """Not the act\'s wording (not found): "For offers',
        'verified = true\ntext = """Not the act\'s wording (not found): "For offers',
    )
    data = load_law(folder)
    assert R.rule_19a_1(offer(AFTER), [], _Ctx(TODAY, data)) == []


def test_the_programme_text_prints_the_limits_in_force_in_its_years() -> None:
    from app.core.documents.programme_text import _small_grant_limits

    # a 2025 programme: only the old wording (10 000 zł, 90 days)
    old = plain(_small_grant_limits(2025, 2025))
    assert "10 000,00 zł" in old and "90" in old and "1040" not in old
    # 2026: the old wording from 1 January, the amendment from 1.09.2026 named with its journal
    both = plain(_small_grant_limits(2026, 2026))
    assert both.index("10 000,00 zł") < both.index("poz. 1040") < both.index("20 000,00 zł") and "90" in both
    # 2027: the amended wording throughout, no day limit, its journal named
    new = plain(_small_grant_limits(2027, 2027))
    assert "20 000,00 zł" in new and "poz. 1040" in new and "10 000" not in new and "90" not in new


def test_the_install_preview_lists_the_repealed_day_limit(tmp_path: Path) -> None:
    from app.core.law.install import diff_law

    # the tables as they were before the amendment was entered: 19A-1 without its [[amendments]] entry
    text = (law_dir() / "rules.toml").read_text(encoding="utf-8")
    start = text.index("[[rules.19A-1.amendments]]")
    folder = _amended_rules(tmp_path, text[start : text.index("[rules.19A-2]")], "\n")
    changes = [c for c in diff_law(load_law(folder), law()) if c.where == "19A-1"]
    assert [(c.old, c.new, c.in_force_from) for c in changes] == [
        ("10000.00", "20000.00", D(2026, 9, 1)),
        ("90", "uchylono", D(2026, 9, 1)),
    ]


def test_the_whole_database_judges_each_grant_by_its_offers_receipt(db) -> None:  # type: ignore[no-untyped-def]
    from app.core.db.models import Organisation
    from app.core.domain.enums import LegalForm, RegistryType
    from app.core.law.rules import check_all

    with db.session() as s:
        org = Organisation(
            name="Stowarzyszenie Razem", legal_form=LegalForm.STOWARZYSZENIE, registry_type=RegistryType.KRS
        )
        s.add(org)
        s.flush()
        for pid, received, amount in ((1, D(2026, 6, 10), "15000.00"), (2, AFTER, "15000.00")):
            p = offer(received, amount, pid=pid, applicant=org.id)
            s.add(p)
            s.flush()
            k = grant(pid, org.id, amount)
            k.procedure_id = p.id
            s.add(k)
    found = [f for f in check_all(db, TODAY) if f.rule_id == "19A-4"]
    # June's 15 000 alone is within 20 000 (the October grant came later, under its own wording);
    # October's 15 000 + 15 000 = 30 000: over the old 20 000, within the unverified 40 000 -> one warning
    assert [(f.record.entity, f.record.id, f.severity) for f in found] == [("contract", 2, Severity.WARNING)]
    assert "poz. 1040" in found[0].message


def test_law_show_marks_the_unchecked_amendment(capsys: pytest.CaptureFixture) -> None:
    import argparse

    from app.commands import law as law_cmd
    from app.commands.common import run_guarded

    parser = argparse.ArgumentParser()
    law_cmd.configure(parser)
    assert run_guarded(law_cmd.run, parser.parse_args(["show", "--date", "2026-10-15"])) == 0
    lines = {x.split("\t")[0]: x for x in capsys.readouterr().out.splitlines() if "\t" in x}
    assert "max_amount=20000.00" in lines["19A-1"] and "max_days" not in lines["19A-1"]
    assert "poz. 1040" in lines["19A-1"] and "nowelizacja niesprawdzona z tekstem aktu" in lines["19A-1"]
    assert "niesprawdzona" not in lines["19A-2"]
