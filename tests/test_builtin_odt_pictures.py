"""An ODT's pictures come out in the order the document shows them.

LibreOffice names an ODT's pictures by a hash (« Pictures/1000000000…A3F.png »): sorted by
name, a letter's signature could come before its letterhead's logo when the built-in
renderer draws them (LibreOffice absent). Their order is where ``content.xml`` names them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from dossierkit.assemble.builtin import package_images

CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content>'
    '<draw:image xlink:href="Pictures/ffff-logo.png"/>'
    "<text:p>Je vous prie d'agréer…</text:p>"
    '<draw:image xlink:href="Pictures/0000-signature.png"/>'
    "</office:document-content>"
)


def test_odt_pictures_follow_the_document(tmp_path: Path) -> None:
    odt = tmp_path / "Courrier.odt"
    with zipfile.ZipFile(odt, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("Pictures/0000-signature.png", b"signature")
        package.writestr("Pictures/ffff-logo.png", b"logo")
        package.writestr("content.xml", CONTENT)
    assert [name for name, _ in package_images(odt, "odt")] == [
        "ffff-logo.png",
        "0000-signature.png",
    ]
