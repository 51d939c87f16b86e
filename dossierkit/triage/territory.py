"""How a letter and the tracking sheet name an intercommunalité: by its full name, not the
abbreviation of INSEE's reference file. « CC Coeur de l'Avesnois » is how INSEE lists it;
the Région writes « la communauté de communes du Cœur de l'Avesnois » to its applicants, and a
tracking sheet sent on to elected members or to the payment service names it the same way
(the SIREN, in its own column, identifies it without doubt)."""

from __future__ import annotations

from dossierkit.epci import lookup
from dossierkit.text import designate


def epci_full_name(name: str | None, siren: str | None = None) -> str | None:
    """The intercommunalité's full name (« Communauté de communes du Pays de Mormal »),
    found by its SIREN or its name in INSEE's reference; the name as read when neither is
    found there (an intercommunalité outside the Hauts-de-France, a name misspelt)."""
    epci = (lookup(siren) if siren else None) or (lookup(name) if name else None)
    return epci.full_name if epci is not None else name


def of_epci(name: str | None, siren: str | None = None) -> str | None:
    """« de la communauté de communes du Pays de Mormal », « de la Métropole Européenne de
    Lille »: the intercommunalité after « sur le territoire »; None when the dossier does
    not name it."""
    full = epci_full_name(name, siren)
    if not full:
        return None
    designation = designate(full, "intercommunalite")
    # A name that does not start with its kind (« Pévèle Carembault ») is not « la
    # structure Pévèle Carembault ».
    if designation.noun == f"structure {' '.join(full.split())}":
        return f"de l'intercommunalité {full}"
    return designation.of


def structure_name(structure: str | None, kind: str | None) -> str | None:
    """The applicant's name as a letter's address and the tracking sheet write it: an
    intercommunalité that applies by its full name (« Communauté de communes du Pays de
    Mormal », as its own letterhead prints it), never INSEE's « CC du Pays de Mormal », and
    so is a structure of unknown kind whose name is an intercommunalité's whole (the name
    read from the SIREN its letter prints); any other structure as read (an association
    may call itself after its territory)."""
    if structure and kind in ("intercommunalite", None):
        return epci_full_name(structure)
    return structure
