"""Tesseract and LibreOffice missing, crashing, writing garbage or hanging (issue 18): each
case is the documented finding on the file it concerns (or the install advice), and the run
goes on to the end. The programs are fakes on a temporary PATH: fast, and the same on every
machine."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from conftest import TEXTS, write_docx, write_pdf
from dossierkit.assemble import AssembleError, Options, Renderer, assemble
from dossierkit.checks import BY_CODE
from dossierkit.limits import Limits
from dossierkit.reading.ocr import OcrOptions
from dossierkit.verify import Verification, verify

# What the fakes do once they are asked for real work; "$PIDS" collects the pids of those
# that hang, to check they did not outlive the run.
BEHAVIOURS = {
    "crash": "kill -SEGV $$",  # a segmentation fault (exit code 139 for a shell)
    "exit139": "echo 'Segmentation fault' >&2; exit 139",
    "garbage": "echo '<html>pas du hOCR</html>'; exit 0",
    "hang": 'echo $$ >> "$PIDS"; exec /bin/sleep 60',
}

_TESSERACT = """#!/bin/sh
case "$1" in
  --version) echo "tesseract 5.3.0-factice"; exit 0 ;;
  --list-langs) printf 'List of available languages in "/factice/" (3):\\neng\\nfra\\nosd\\n'; exit 0 ;;
esac
{behaviour}
"""

# LibreOffice's "garbage": a "PDF" where it was asked for one.
_SOFFICE = """#!/bin/sh
outdir=""; previous=""; source=""
for argument in "$@"; do
  [ "$previous" = "--outdir" ] && outdir="$argument"
  previous="$argument"; source="$argument"
done
name=$(/usr/bin/basename "$source"); stem="${{name%.*}}"
if [ "{behaviour}" = "garbage" ]; then
  /bin/mkdir -p "$outdir"; echo "%PDF-1.7 rien" > "$outdir/$stem.pdf"
  exit 0
fi
{command}
"""


def _bin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **fakes: str) -> Path:
    """A PATH holding only the given fakes (program name → behaviour)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    pids = tmp_path / "pids"
    pids.touch()
    for program, behaviour in fakes.items():
        if program == "tesseract":
            script = _TESSERACT.format(behaviour=BEHAVIOURS[behaviour])
        else:
            script = _SOFFICE.format(behaviour=behaviour, command=BEHAVIOURS[behaviour])
        path = folder / program
        path.write_text(script)
        path.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    monkeypatch.setenv("PIDS", str(pids))
    return pids


def _gone(pids: Path, seconds: float = 3.0) -> bool:
    """Whether the fakes that hung are all gone (killed with the reading they held)."""
    numbers = [int(n) for n in pids.read_text().split()]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(_running(n) for n in numbers):
            return True
        time.sleep(0.05)
    return False


def _running(pid: int) -> bool:
    try:
        return b") Z " not in Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False


def _messages(result: Verification, code: str) -> dict[str | None, str]:
    return {
        f.file: BY_CODE[f.code].render(f, "fr", result.dossier.call)
        for f in result.findings
        if f.code == code
    }


# -- Tesseract ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A photographed RIB (an image, read by OCR) beside a PDF with its text."""
    from PIL import Image, ImageDraw

    dossier = tmp_path_factory.mktemp("scans") / "dossier"
    dossier.mkdir()
    image = Image.new("L", (620, 877), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(TEXTS["rib"]):
        draw.text((40, 60 + 30 * number), line, fill=0)
    image.save(dossier / "RIB.jpg", "JPEG", dpi=(75, 75))
    write_pdf(dossier / "Statuts.pdf", TEXTS["statuts"])
    return dossier


def _ocr_verify(dossier: Path, seconds: float = 120.0) -> Verification:
    limits = Limits(seconds_per_file=seconds)
    return verify(dossier, ocr=OcrOptions(cache=False, limits=limits), limits=limits)


def test_without_tesseract_the_scan_is_unread_and_the_advice_given(
    scanned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bin(tmp_path, monkeypatch)
    result = _ocr_verify(scanned)
    [advice] = _messages(result, "F013").values()
    assert "n'est pas installé" in advice and "Installez-le" in advice
    assert "apt-get install tesseract-ocr tesseract-ocr-fra" in advice
    assert "« RIB.jpg »" in _messages(result, "F011")["RIB.jpg"]
    assert {p.spec.kind: p.status for p in result.dossier.pieces}["statuts"] == "ok"


@pytest.mark.parametrize("behaviour", ["crash", "exit139", "garbage"])
def test_a_tesseract_that_fails_costs_the_scan_only(
    behaviour: str, scanned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bin(tmp_path, monkeypatch, tesseract=behaviour)
    result = _ocr_verify(scanned)
    unread = _messages(result, "F011")
    assert list(unread) == ["RIB.jpg"]
    assert unread["RIB.jpg"].startswith(
        "« RIB.jpg » : 1 page numérisée non lisible automatiquement"
    )
    assert "leur lecture a échoué" in unread["RIB.jpg"]
    assert not _messages(result, "F013")  # installed: no advice to install it
    assert {p.spec.kind: p.status for p in result.dossier.pieces}["statuts"] == "ok"


def test_a_tesseract_that_hangs_is_stopped_at_the_file_s_time(
    scanned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = _bin(tmp_path, monkeypatch, tesseract="hang")
    started = time.monotonic()
    result = _ocr_verify(scanned, seconds=3.0)
    assert time.monotonic() - started < 3.0 + 5
    unread = _messages(result, "F011")
    assert list(unread) == ["RIB.jpg"] and "dépassé le temps permis" in unread["RIB.jpg"]
    assert pids.read_text().split(), "the fake was asked to read the page"
    assert _gone(pids), "the hanging Tesseract was killed"


# -- LibreOffice ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def uncalculated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A budget filled by a program: formulas without stored values, which LibreOffice
    computes when it is there."""
    dossier = tmp_path_factory.mktemp("budget") / "dossier"
    dossier.mkdir()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Dépenses", "2027"])
    sheet.append(["Salaire de l'animateur", 42000])
    sheet.append(["Matériel", 18000])
    sheet.append(["Total dépenses", "=SUM(B2:B3)"])
    book.save(dossier / "Budget prévisionnel.xlsx")
    write_pdf(dossier / "RIB.pdf", TEXTS["rib"])
    return dossier


@pytest.mark.parametrize("behaviour", ["missing", "crash", "garbage"])
def test_a_budget_left_uncalculated_says_what_to_do(
    behaviour: str, uncalculated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bin(tmp_path, monkeypatch, **({} if behaviour == "missing" else {"soffice": behaviour}))
    result = verify(uncalculated)
    [message] = _messages(result, "B015").values()
    assert message.startswith("Les formules de « Budget prévisionnel.xlsx »")
    assert "!B4" in message  # the total's cell
    assert "installez LibreOffice" in message
    assert {p.spec.kind: p.status for p in result.dossier.pieces}["rib"] == "ok"


def test_a_libreoffice_that_hangs_stops_at_the_file_s_time(
    uncalculated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = _bin(tmp_path, monkeypatch, soffice="hang")
    started = time.monotonic()
    result = verify(uncalculated, limits=Limits(seconds_per_file=3.0))
    assert time.monotonic() - started < 3.0 + 5
    stopped = _messages(result, "F015")
    assert list(stopped) == ["Budget prévisionnel.xlsx"]
    assert {p.spec.kind: p.status for p in result.dossier.pieces}["rib"] == "ok"
    assert _gone(pids), "LibreOffice dies with the reader that waited for it"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Verification:
    dossier = tmp_path_factory.mktemp("office") / "dossier"
    dossier.mkdir()
    write_docx(
        dossier / "Dossier technique.docx", [(line, 0) for line in TEXTS["dossier_technique"]]
    )
    write_pdf(dossier / "RIB.pdf", TEXTS["rib"])
    return verify(dossier)


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        ("crash", "LibreOffice a échoué (code -11)"),
        ("exit139", "LibreOffice a échoué (code 139)"),
        ("garbage", "PDF endommagé"),
        ("hang", "LibreOffice n'a pas terminé en 1 s"),
    ],
)
def test_a_conversion_that_fails_is_named_and_the_rest_assembled(
    behaviour: str,
    reason: str,
    office: Verification,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pids = _bin(tmp_path, monkeypatch, soffice=behaviour)
    output = tmp_path / "dossier.pdf"
    options = Options(allow_incomplete=True, renderer=Renderer("auto", timeout=1.0))
    assembly = assemble(office, output, options)
    [line] = [m for m in assembly.messages if "non convertie" in m]
    assert "«\u202fDossier technique.docx\u202f» non convertie (" in line and reason in line
    assert output.read_bytes().startswith(b"%PDF-") and assembly.pages > 2
    assert _gone(pids)


def test_libreoffice_asked_for_but_missing_is_the_install_advice(
    office: Verification, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _bin(tmp_path, monkeypatch)
    output = tmp_path / "dossier.pdf"
    with pytest.raises(AssembleError) as caught:
        assemble(office, output, Options(allow_incomplete=True, renderer=Renderer("libreoffice")))
    assert caught.value.message.startswith("LibreOffice n'est pas installé. Installez-le :")
    assert not output.exists()
    # Left to choose, without LibreOffice, the built-in renderer lays the document out.
    assembly = assemble(office, output, Options(allow_incomplete=True))
    assert not [m for m in assembly.messages if "non convertie" in m]
