"""`wkus document KIND --db PATH --out FILE [--year Y] [--contract ID] [--area CODE] [--format pdf|docx]`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from app.commands.common import add_db_argument
from app.core.documents.kinds import KINDS, codes
from app.core.i18n import N_, _

if TYPE_CHECKING:  # imported when the command runs, not for `wkus --help`
    from app.core.documents.signpost import SignpostAnswers

NAME = "document"
HELP = N_("print a document (annual report, draft resolution, contract card...) to a PDF or DOCX file")


def configure(parser: argparse.ArgumentParser) -> None:
    # every choice and every "(for …)" below comes from KINDS, so a new document needs no edit here
    def listed(test: str) -> str:
        return ", ".join(codes(test))

    parser.add_argument("kind", choices=codes(), metavar="KIND", help=_("one of: {kinds}").format(kinds=listed("")))
    add_db_argument(parser)
    parser.add_argument("--out", required=True, metavar="FILE", help=_("file to write"))
    parser.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help=_(
            "budget year: required for {required}; may be given for {optional} (for commitments: the first year "
            "shown, default the current one)"
        ).format(required=", ".join(k.code for k in KINDS if k.needs_year), optional=listed("optional_year")),
    )
    parser.add_argument(
        "--contract", type=int, metavar="ID", help=_("contract id (for {kinds})").format(kinds=listed("takes_contract"))
    )
    parser.add_argument(
        "--area", metavar="CODE", help=_("WKUS area code (for {kinds}), e.g. SOC").format(kinds=listed("takes_area"))
    )
    parser.add_argument(
        "--answers",
        metavar="FILE",
        help=_("JSON file with the wizard's answers (for {kinds})").format(kinds=listed("needs_answers")),
    )
    parser.add_argument(
        "--format",
        dest="fmt",
        choices=("pdf", "docx"),
        default=None,
        help=_("pdf (default) or docx (for {kinds} only)").format(kinds=listed("docx")),
    )


def run(args: argparse.Namespace) -> int:
    from app.commands.common import open_db
    from app.core.documents.catalogue import DocumentRequest, build
    from app.core.domain.enums import WkusArea
    from app.core.errors import FieldError, ValidationFailed

    out = Path(args.out)
    fmt = args.fmt or ("docx" if out.suffix.lower() == ".docx" else "pdf")
    if args.area and args.area not in {a.value for a in WkusArea}:
        raise ValidationFailed(
            [
                FieldError(
                    "area",
                    _("Area"),
                    _("Unknown area {code}; use one of: {codes}.").format(
                        code=args.area, codes=", ".join(a.value for a in WkusArea)
                    ),
                )
            ]
        )
    answers = _read_answers(args.answers) if args.answers else None
    db = open_db(args)
    try:
        result = build(
            db,
            DocumentRequest(
                kind=args.kind,
                out_path=out,
                year=args.year,
                contract_id=args.contract,
                area=args.area,
                fmt=fmt,
                answers=answers,
            ),
        )
    finally:
        db.dispose()
    print(_("Written {path}").format(path=result.path))
    for remark in result.missing:
        print(_("Note: {remark}").format(remark=remark))
    return 0


def _read_answers(path: str) -> SignpostAnswers:
    import json

    from app.core.documents.signpost import answers_from_dict
    from app.core.errors import UserFacingError, os_reason

    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserFacingError(_("Cannot read {path}: {reason}").format(path=path, reason=os_reason(exc))) from exc
    except ValueError as exc:
        raise UserFacingError(_("The file {path} is not valid JSON: {reason}").format(path=path, reason=exc)) from exc
    if not isinstance(raw, dict):
        raise UserFacingError(_("The file {path} must contain a JSON object.").format(path=path))
    return answers_from_dict(raw)
