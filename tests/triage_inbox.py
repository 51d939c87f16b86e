"""Dossiers for the triage tests and benchmark, made by ``samples/generate.py``'s makers.

``plain_dossier`` writes the seven pieces the way ``association-complete`` does, minus the
scan, the photo and the clutter (no OCR, no LibreOffice: a second per dossier), so that an
inbox of many dossiers is quick to make. ``rival`` gives another structure, with its own
bank account, for the same intercommunalité.
"""

from __future__ import annotations

import dataclasses
import tempfile
import zipfile
from pathlib import Path

import generate


def rival(applicant: generate.Applicant, short_name: str, account: str) -> generate.Applicant:
    """Another association of the same intercommunalité, with its own bank account."""
    structure = f"Association {short_name}"
    bank = dataclasses.replace(
        applicant.bank, holder=structure.upper().replace("'", " "), account=account
    )
    return dataclasses.replace(applicant, structure=structure, short_name=short_name, bank=bank)


def plain_dossier(applicant: generate.Applicant, out: Path) -> Path:
    """The dossier of ``applicant`` in the new folder ``out``: letter and statuts exported to
    PDF without LibreOffice, budget XLSX, dossier technique DOCX, attestation, RIB."""
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="dossierkit-plain-") as tmp:
        work = Path(tmp)
        letter = generate.make_courrier_docx(work / "courrier.docx", applicant)
        generate.office_to_pdf(letter, out, use_libreoffice=False, name="Courrier de demande.pdf")
        generate.make_budget_xlsx(out / "Budget prévisionnel.xlsx", applicant)
        generate.make_dossier_technique_docx(out / "Dossier technique.docx", applicant)
        generate.make_attestation_tva_pdf(out / "Attestation TVA.pdf", applicant)
        bank = applicant.bank
        generate.make_rib_pdf(
            out / "RIB.pdf", bank.holder, bank.iban, bank.bic, bank.bank, account=bank
        )
        if applicant.is_association:
            statuts = generate.make_statuts_docx(work / "statuts.docx", applicant)
            generate.office_to_pdf(statuts, out, use_libreoffice=False, name="Statuts.pdf")
    return out


def zip_folder(folder: Path, target: Path, *, top: str | None = None) -> Path:
    """Zip ``folder`` as a person does, its files under ``top/`` (the folder's name by
    default; "" puts them at the root of the archive)."""
    top = folder.name if top is None else top
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                name = path.relative_to(folder).as_posix()
                archive.write(path, f"{top}/{name}" if top else name)
    return target


def built_dossiers(base: Path) -> dict[str, Path]:
    """Dossiers every triage test module starts from, made once per test session under
    ``base`` (pytest's temporary folder): tests copy them into their inboxes."""
    root = base / "triage-built"
    names = ("ternois", "rival", "interco-complete", "association-incomplete")
    dossiers = {name: root / name for name in names}
    if (root / "done").exists():
        return dossiers
    ternois = generate.applicant_ternois()
    plain_dossier(ternois, dossiers["ternois"])
    plain_dossier(rival(ternois, "Ternois Numérique", "55512345678"), dossiers["rival"])
    for sample in ("interco-complete", "association-incomplete"):
        generate.build_sample(sample, root, use_libreoffice=False)
    (root / "done").touch()
    return dossiers
