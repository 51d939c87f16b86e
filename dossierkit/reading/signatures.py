"""Digital signatures embedded in a PDF (PAdES), validated with pyHanko.

What can be known offline is reported: whether the signed bytes are intact, whether the
document was changed after signing, and who signed according to the certificate. Whether the
certificate is trusted needs the EU trust lists, which an offline tool cannot fetch.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dossierkit.reading.model import Signature


def has_signature(path: Path) -> bool:
    """Cheap test before the costly parse: every PDF signature has a /ByteRange."""
    with path.open("rb") as fh:
        return b"/ByteRange" in fh.read()


def signer_name(subject: dict[str, object]) -> str:
    """The signer as an instructor names them: « Marie Durand (CC du Pays de Mormal) ».

    A certificate's subject is a list of typed attributes; printed whole (pyHanko's
    ``human_friendly``) it reads « Common Name: Marie Durand, Organization: …, Country: FR »,
    English labels a French report cannot show. The person is the common name; the
    organisation, when the certificate names one, tells for whom they sign.
    """
    person = str(subject.get("common_name") or "").strip()
    organisation = str(subject.get("organization_name") or "").strip()
    if not person:
        return organisation or "?"
    if organisation and organisation.casefold() not in person.casefold():
        return f"{person} ({organisation})"
    return person


def signing_day(moment: datetime) -> str:
    """The day of signing in France (ISO): the signing time is recorded in UTC, and a letter
    signed in Lille at 00:30 on 3 December was signed on the 3rd, not on the 2nd (23:30 UTC).
    The UTC day where the system has no time zone database (Windows without tzdata)."""
    with contextlib.suppress(ZoneInfoNotFoundError):
        moment = moment.astimezone(ZoneInfo("Europe/Paris"))
    return moment.date().isoformat()


def read_signatures(path: Path) -> tuple[Signature, ...]:
    """Every signature field of the PDF, validated for integrity (never for trust)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    # pyHanko logs a full traceback for each certificate it cannot chain to a trusted root,
    # which is every certificate offline: that is expected, not an error.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    found = []
    with path.open("rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        for embedded in reader.embedded_signatures:
            status = validate_pdf_signature(
                embedded,
                signer_validation_context=ValidationContext(trust_roots=[], allow_fetching=False),
            )
            whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
            changed = not status.intact or (
                not whole
                and status.modification_level is not None
                and status.modification_level > ModificationLevel.LTA_UPDATES
            )
            signed_at = embedded.self_reported_timestamp
            found.append(
                Signature(
                    field=str(embedded.field_name),
                    signer=signer_name(status.signing_cert.subject.native),
                    intact=status.intact,
                    modified_after_signing=changed,
                    signed_at=signing_day(signed_at) if signed_at else None,
                )
            )
    return tuple(found)
