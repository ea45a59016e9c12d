"""Zobowiązania wieloletnie: what multi-year contracts commit the gmina to pay in the current and
later budget years, for the skarbnik to compare with the multi-year financial forecast (WPF)
(market.md §5.4). A PDF document and a sheet of the skarbnik's XLSX (transfer.sheets).

A year's amount is the contract's *committed* money of that budget year (`figures.money`): its
tranches of the year, the current year in full (paid or not: the WPF limit of the year covers the
whole tranche). A draft commits nothing; a terminated contract only what was transferred to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.core.db.engine import Database
from app.core.documents import data
from app.core.documents.common import DocumentResult, new_document
from app.core.documents.data import ContractInfo
from app.core.documents.pdf import Column
from app.core.figures import money
from app.core.i18n import _, format_date, format_money, ngettext
from app.core.money import ZERO


def year_header(year: int) -> str:
    """A year column says which money it shows ("Zaangażowano 2026")."""
    return _("{word} {year}").format(word=money.MoneyWord.COMMITTED.label, year=year)


@dataclass(frozen=True)
class CommitmentRow:
    contract_id: int
    number: str
    organisations: str
    task: str
    form: str
    budget_paragraph: str
    amounts: dict[int, Decimal]  # budget year -> committed in that year (every year of the table)
    remaining: Decimal  # from the first year of the table to the contract's last
    #: dział and rozdział ("" = not entered in the contract)
    budget_division: str = ""
    budget_chapter: str = ""


@dataclass(frozen=True)
class CommitmentTable:
    from_year: int
    years: list[int]
    rows: list[CommitmentRow]
    totals: dict[int, Decimal]

    @property
    def remaining(self) -> Decimal:
        return money.add(self.totals.values())


def commitment_table(
    contracts: list[ContractInfo],
    from_year: int,
    committed: dict[int, dict[int, Decimal]],
    paragraphs: dict[int, str] | None = None,
    classes: dict[int, tuple[str, str]] | None = None,
) -> CommitmentTable:
    """Multi-year contracts committing money in `from_year` or later, with per-year amounts (pure);
    `committed` is `figures.money.committed_by_contract_year` (contract → year → committed), `classes`
    contract → (dział, rozdział)."""
    paragraphs = paragraphs or {}
    classes = classes or {}
    chosen = [c for c in contracts if c.is_multi_year and any(y >= from_year for y in committed.get(c.id, {}))]
    last = max((y for c in chosen for y in committed[c.id]), default=from_year)
    years = list(range(from_year, last + 1))
    rows = []
    for c in chosen:
        amounts = {y: committed[c.id].get(y, ZERO) for y in years}
        rows.append(
            CommitmentRow(
                contract_id=c.id,
                number=c.number,
                organisations=c.organisations,
                task=c.task_title or c.title,
                form=c.form.label,
                budget_paragraph=paragraphs.get(c.id, ""),
                amounts=amounts,
                remaining=money.add(amounts.values()),
                budget_division=classes.get(c.id, ("", ""))[0],
                budget_chapter=classes.get(c.id, ("", ""))[1],
            )
        )
    totals = {y: money.add(r.amounts[y] for r in rows) for y in years}
    return CommitmentTable(from_year, years, rows, totals)


def load_commitments(db: Database, from_year: int) -> CommitmentTable:
    from app.core.db.models import Contract

    with db.session() as s:
        committed = money.committed_by_contract_year(s)
        paragraphs: dict[int, str] = {}
        classes: dict[int, tuple[str, str]] = {}
        for cid, paragraph, division, chapter in s.execute(
            select(Contract.id, Contract.budget_paragraph, Contract.budget_division, Contract.budget_chapter).where(
                Contract.id.in_(list(committed))
            )
        ):
            paragraphs[cid] = paragraph or ""
            classes[cid] = (division or "", chapter or "")
        contracts = data.contracts(s, list(committed))
    return commitment_table(contracts, from_year, committed, paragraphs, classes)


def build_commitments(db: Database, from_year: int, out_path: Path, today: dt.date | None = None) -> DocumentResult:
    with db.session() as s:
        gmina = data.gmina_info(s)
    table = load_commitments(db, from_year)
    title = _("Multi-year commitments from {year}").format(year=from_year)
    doc = new_document(gmina, title, _("Commitments of multi-year contracts by budget year"), landscape=True)
    period = str(from_year) if len(table.years) == 1 else f"{table.years[0]}–{table.years[-1]}"
    doc.title(
        _("MULTI-YEAR COMMITMENTS"),
        _("Grants of multi-year contracts in the budget years {period}").format(period=period),
    )
    doc.para(
        _(
            "State on {date}. Each amount is the money committed by the contract in that budget year (its "
            "tranches of the year); the year {year} is shown in full, including tranches already paid. Drafts "
            "commit nothing; a terminated contract counts only what was transferred. Compare with the "
            "expenditure limits of the multi-year financial forecast (WPF)."
        ).format(date=format_date(today or dt.date.today()), year=from_year)
    )
    missing: list[str] = []
    if not table.rows:
        msg = _("No multi-year contract has a tranche in {year} or later.").format(year=from_year)
        doc.note(msg)
        missing.append(msg)
    else:
        missing += _commitment_tables(doc, table)
    pages = doc.save(out_path)
    return DocumentResult(Path(out_path), title, pages, missing)


def classification(paragraph: str, division: str = "", chapter: str = "") -> str:
    """dział / rozdział / § as the contract records them; one not entered prints "—", never a guessed
    852 / 85295."""
    # "§ 2360" stays on one line in a narrow column
    return (
        _("{division} / {chapter} / § {paragraph}")
        .format(division=division or "—", chapter=chapter or "—", paragraph=paragraph or "—")
        .replace("§ ", "§\u00a0")
    )


#: letters of a word a text column keeps whole when the years are fitted to the page
WORD = 10


def _commitment_tables(doc: Any, table: CommitmentTable) -> list[str]:
    """The commitments by year, in as many tables as the page needs: many budget years (a table from
    2022 had 7 amount columns) made a table wider than the page, so the years are split into groups
    that fit, each table repeating the contract and its classification; the total column ends the last."""
    missing: list[str] = []
    # the form under the task: one text column less leaves room for a year more
    ident = [
        Column(_("Contract number"), 1.4),
        Column(_("Organisation"), 2.2),
        Column(_("Task and form"), 2.6),
        Column(_("Division / chapter / paragraph"), 1.3),
    ]

    def part(years: list[int], last: bool) -> tuple[list[Column], list[list[str]], list[str]]:
        columns = ident + [Column(year_header(y), 1.1, "RIGHT") for y in years]
        rows: list[list[str]] = [
            [
                r.number or "—",
                r.organisations,
                f"{r.task}\n({r.form})",
                classification(r.budget_paragraph, r.budget_division, r.budget_chapter),
            ]
            + [format_money(r.amounts[y]) if r.amounts[y] else "—" for y in years]
            for r in table.rows
        ]
        total: list[str] = [_("Total"), "", "", ""] + [format_money(table.totals[y]) for y in years]
        if last:
            columns.append(Column(_("Committed in total"), 1.2, "RIGHT"))
            for row, r in zip(rows, table.rows):
                row.append(format_money(r.remaining))
            total.append(format_money(table.remaining))
        return columns, rows, total

    years = table.years
    groups: list[list[int]] = []
    while years:
        n = len(years)
        # the most years that still fit beside the contract's columns (the last group also holds the total)
        while n > 1 and not _amounts_fit(doc, *part(years[:n], n == len(years))):
            n -= 1
        groups.append(years[:n])
        years = years[n:]
    for k, group in enumerate(groups):
        if len(groups) > 1:
            span = str(group[0]) if len(group) == 1 else f"{group[0]}–{group[-1]}"
            doc.para(
                _("Budget years {years} (part {part} of {parts})").format(years=span, part=k + 1, parts=len(groups)),
                "lead",
            )
        doc.table(*part(group, k == len(groups) - 1))
    unclassified = [r.number or r.task for r in table.rows if not (r.budget_division and r.budget_chapter)]
    if unclassified:
        msg = ngettext(
            "The division (dział) or chapter (rozdział) is not entered in {count} contract, shown as “—”: {contracts}. "
            "Enter them in the contract (e.g. 852 / 85228).",
            "The division (dział) or chapter (rozdział) is not entered in {count} contracts, shown as “—”: "
            "{contracts}. Enter them in the contracts (e.g. 852 / 85228).",
            len(unclassified),
        ).format(count=len(unclassified), contracts="; ".join(unclassified))
        doc.note(msg)
        missing.append(msg)
    if any(not r.budget_paragraph for r in table.rows):
        missing.append(_("Some contracts have no budget paragraph; enter it in the contract (e.g. § 2360)."))
    return missing


def _amounts_fit(doc: Any, columns: list[Column], rows: list[list[str]], total: list[str]) -> bool:
    """Every amount whole beside text columns that each hold a word of WORD letters: judged on the
    full text, five text columns with long Polish words would leave room for two years only; a longer
    word of a name wraps, as in any table."""

    def capped(row: list[str]) -> list[str]:
        # the contract number (first) is never broken: it is what the skarbnik looks the row up by
        return [
            v if c.align == "RIGHT" or i == 0 else " ".join(w[:WORD] for w in str(v).split())
            for i, (v, c) in enumerate(zip(row, columns))
        ]

    # ...and the real table must not squeeze the contract number either (text columns give up room together)
    return bool(doc.fits(columns, [capped(r) for r in rows], capped(total))) and 0 not in doc.squeezed(
        columns, rows, total
    )
