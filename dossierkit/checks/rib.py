"""Checks on the RIB: a valid IBAN that agrees with the printed details, in the applicant's name.

The Région pays the aid by transfer to the account on the RIB: a miscopied IBAN, a BIC of
another bank or an account held by someone else delays or loses the payment. The values
come from ``dossierkit.pieces.rib``; the IBAN's check digits and the BIC's form are checked
with python-stdnum, the French RIB key with its published formula (stdnum has none).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from dossierkit.checks.base import Check, doubt
from dossierkit.dossier import Dossier
from dossierkit.findings import Finding, Severity
from dossierkit.names import near_structure, same_structure
from dossierkit.pieces.rib import FRENCH_IBAN_LENGTH, Located, PrintedBban, RibFacts, rib_key
from dossierkit.text import fold

# Structures whose funds the Trésor public holds: collectivités, their EPCI, and the public
# bodies under public accounting (syndicats mixtes and PETR, établissements publics locaux,
# GIP). An SPL or a SEM is a company with a bank account of its own.
PUBLIC_ACCOUNTING = frozenset(
    {"intercommunalite", "commune", "syndicat_mixte", "etablissement_public", "gip"}
)
TREASURY_BANK_CODE = "30001"
TREASURY_BIC_PREFIX = "BDFE"
_PUBLIC_ACCOUNTANT = re.compile(
    r"\b(?:tresor public|tresorerie|dgfip|ddfip|drfip|sgc|service de gestion comptable|"
    r"finances publiques|paierie)\b"
)
# Overseas territories bank with French IBANs but BICs that carry their own country code.
_BIC_COUNTRIES_OF_IBAN = {
    "FR": frozenset({"FR", "GF", "GP", "MQ", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF"})
}
_FRENCH_IBAN = re.compile(r"FR[0-9]{2}[0-9]{10}[0-9A-Z]{11}[0-9]{2}")
_FIELD_NAMES = (
    ("code banque", "bank code", slice(0, 5)),
    ("code guichet", "branch code", slice(5, 10)),
    ("numéro de compte", "account number", slice(10, 21)),
    ("clé RIB", "RIB key", slice(21, 23)),
)


def iban_problem(iban: str) -> tuple[str, str] | None:
    """Why ``iban`` is not a valid IBAN, in French and English; None when it is."""
    from stdnum import iban as stdnum_iban
    from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

    if iban.startswith("FR") and len(iban) != FRENCH_IBAN_LENGTH:
        return (
            f"il compte {len(iban)} caractères au lieu de 27",
            f"it has {len(iban)} characters instead of 27",
        )
    if iban.startswith("FR") and not _FRENCH_IBAN.fullmatch(iban):
        return (
            "il porte des lettres là où un IBAN français n'a que des chiffres "
            "(la lettre O pour un zéro ?)",
            "it has letters where a French IBAN only has digits (the letter O for a zero?)",
        )
    try:
        stdnum_iban.validate(iban)
    except InvalidChecksum:
        return (
            "ses chiffres de contrôle (3e et 4e caractères) ne correspondent pas au reste du "
            "numéro : un caractère a sans doute été mal recopié",
            "its check digits (3rd and 4th characters) do not match the rest of the number: "
            "a character was probably miscopied",
        )
    except InvalidLength:
        return ("sa longueur n'est pas celle d'un IBAN", "its length is not that of an IBAN")
    except ValidationError:
        return (
            "sa forme n'est pas celle d'un IBAN de ce pays",
            "its form is not that of an IBAN of this country",
        )
    return None


def _on_rib(
    check: Check,
    rib: RibFacts,
    page: int | None,
    evidence: str = "",
    *,
    read: Sequence[Located | PrintedBban | None] = (),
    **params: str,
) -> Finding:
    """A finding on the RIB's file and page, whose message starts by naming them; ``read``
    are the values it rests on, which make it a warning when OCR may have misread one."""
    where = f"« {rib.file} »" + (f", page {page}" if page is not None else "")
    where_en = f'"{rib.file}"' + (f", page {page}" if page is not None else "")
    found = check.finding(
        piece="rib",
        file=rib.file,
        page=page,
        evidence=evidence,
        doubtful=doubt(*((v.confidence, v.page) for v in read if v is not None)),
        where=where,
        where_en=where_en,
    )
    return replace(found, params={**found.params, **params})


def _rib(dossier: Dossier) -> RibFacts | None:
    parsed = dossier.parsed.rib
    return parsed if isinstance(parsed, RibFacts) else None


def _display(iban: str) -> str:
    from stdnum import iban as stdnum_iban

    return stdnum_iban.format(iban)


def _french_bban(rib: RibFacts) -> str | None:
    """The BBAN inside a French IBAN of the right form."""
    if rib.iban is None or not _FRENCH_IBAN.fullmatch(rib.iban.value):
        return None
    return rib.iban.value[4:]


def _treasury_evidence(rib: RibFacts) -> tuple[str, str] | None:
    """What shows an account of the Trésor public at the Banque de France (French, English)."""
    bban = rib.bban.bban if rib.bban is not None else _french_bban(rib)
    found: list[tuple[str, str]] = []
    if bban is not None and bban.startswith(TREASURY_BANK_CODE):
        found.append((f"code banque {TREASURY_BANK_CODE}", f"bank code {TREASURY_BANK_CODE}"))
    if rib.bic is not None and rib.bic.value.startswith(TREASURY_BIC_PREFIX):
        found.append((f"BIC {rib.bic.value}", f"BIC {rib.bic.value}"))
    accountant = next((h for h in rib.holder_lines if _PUBLIC_ACCOUNTANT.search(fold(h))), None)
    if accountant is not None:
        found.append((f"titulaire « {accountant} »", f'holder "{accountant}"'))
    if not found:
        return None
    return ", ".join(fr for fr, _ in found), ", ".join(en for _, en in found)


def _is_public_treasury(dossier: Dossier, rib: RibFacts) -> bool:
    kind = dossier.fact("structure.kind")
    return kind in PUBLIC_ACCOUNTING and _treasury_evidence(rib) is not None


class IbanNotFound(Check):
    """Le RIB ne porte aucun IBAN, ou son IBAN n'a pas pu être lu.

    La Région verse l'aide par virement sur le compte dont le RIB donne l'IBAN : sans IBAN,
    le paiement ne peut pas être préparé, et un RIB sans IBAN (relevé réduit aux codes
    banque et guichet, attestation de compte, chèque) n'est pas la pièce demandée. dossierkit
    cherche un IBAN imprimé par groupes de quatre (« FR76 3000 4000 … ») ou d'un seul bloc,
    sous ou à côté de la mention « IBAN ». Sur un RIB numérisé ou photographié qui porte la
    mention « IBAN » mais dont le numéro n'a pas pu être lu par reconnaissance de
    caractères, le constat n'est qu'un avertissement qui demande de regarder la page ; si
    le code banque, le code guichet, le numéro de compte et la clé RIB y sont imprimés et que
    la clé est juste, l'IBAN en est reconstitué et aucun constat n'est fait.
    Correction : joignez le RIB édité par la banque (téléchargé depuis l'espace client en
    ligne, ou demandé à l'agence), où figurent l'IBAN et le BIC.
    """

    code = "R001"
    name = "iban-introuvable"
    severity = Severity.ERROR
    message = {
        "fr": "{where} : {problem}. Joignez le RIB édité par la banque (téléchargé depuis l'espace client en ligne, ou demandé à l'agence), où figurent l'IBAN et le BIC.",
        "en": "{where}: {problem}. Attach the RIB issued by the bank (downloaded from online banking, or asked of the branch), which shows the IBAN and the BIC.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        rib = _rib(dossier)
        if rib is None or not rib.has_text or rib.iban is not None:
            return
        page = rib.ocr[1] if rib.ocr else None
        where = f"« {rib.file} »" + (f", page {page}" if page else "")
        where_en = f'"{rib.file}"' + (f", page {page}" if page else "")
        if rib.ocr is not None and rib.iban_label:
            # Printed but unreadable on a scan or a photo: a person looks at the page.
            yield self.finding(
                piece="rib",
                file=rib.file,
                page=page,
                doubtful=rib.ocr,
                where=where,
                where_en=where_en,
                problem="l'IBAN imprimé sur le RIB n'a pas pu être lu",
                problem_en="the IBAN printed on the RIB could not be read",
            )
            return
        yield self.finding(
            piece="rib",
            file=rib.file,
            page=page,
            where=where,
            where_en=where_en,
            problem="le RIB ne porte aucun IBAN : l'aide ne peut pas être versée sans lui",
            problem_en="the RIB shows no IBAN: the aid cannot be paid without it",
        )


class IbanInvalid(Check):
    """L'IBAN imprimé sur le RIB n'est pas valide.

    Les deux chiffres qui suivent le code pays sont une clé de contrôle (ISO 13616, modulo
    97) : un IBAN dont un caractère a été mal recopié ne la vérifie plus, et un virement vers
    cet IBAN serait rejeté. Un IBAN français compte 27 caractères ; seuls les 11 du numéro de
    compte peuvent être des lettres. Correction : vérifiez l'IBAN recopié, ou joignez le RIB
    édité par la banque.
    """

    code = "R002"
    name = "iban-invalide"
    severity = Severity.ERROR
    message = {
        "fr": "{where} : l'IBAN {iban} n'est pas valide : {why}. Vérifiez l'IBAN recopié, ou joignez le RIB édité par la banque.",
        "en": "{where}: the IBAN {iban} is not valid: {why}. Check the IBAN as copied, or attach the RIB issued by the bank.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        rib = _rib(dossier)
        if rib is None or rib.iban is None:
            return
        problem = iban_problem(rib.iban.value)
        if problem is not None:
            yield _on_rib(
                self,
                rib,
                rib.iban.page,
                rib.iban.line,
                read=(rib.iban,),
                iban=_display(rib.iban.value),
                why=problem[0],
                why_en=problem[1],
            )


class RibKeyInvalid(Check):
    """La clé RIB ne correspond pas au code banque, au code guichet et au numéro de compte.

    La clé RIB (deux chiffres) se calcule à partir des trois autres champs : une clé qui ne
    correspond pas trahit un chiffre mal recopié, et la banque rejettera le virement. Les
    champs imprimés sur le RIB sont contrôlés ; à défaut, ceux que porte l'IBAN. Correction :
    vérifiez les chiffres recopiés, ou joignez le RIB édité par la banque.
    """

    code = "R003"
    name = "cle-rib-invalide"
    severity = Severity.ERROR
    message = {
        "fr": "{where} : la clé RIB {key} ne correspond pas au code banque {bank_code}, au code guichet {branch_code} et au numéro de compte {account} ({why}). Vérifiez les chiffres recopiés, ou joignez le RIB édité par la banque.",
        "en": "{where}: the RIB key {key} does not match bank code {bank_code}, branch code {branch_code} and account number {account} ({why}). Check the digits as copied, or attach the RIB issued by the bank.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        rib = _rib(dossier)
        if rib is None:
            return
        source: Located | PrintedBban
        if rib.bban is not None:
            bban, source = rib.bban.bban, rib.bban
        elif rib.iban is not None and iban_problem(rib.iban.value) is None:
            # An IBAN that fails its own check is R002's: one miscopied digit, one finding.
            found = _french_bban(rib)
            if found is None:
                return
            bban, source = found, rib.iban
        else:
            return
        bank_code, branch_code, account, key = bban[:5], bban[5:10], bban[10:21], bban[21:]
        expected = rib_key(bank_code, branch_code, account)
        if expected == key:
            return
        if expected is None:
            why = (
                "un code contient autre chose que des chiffres (la lettre O pour un zéro ?)",
                "a code holds something other than digits (the letter O for a zero?)",
            )
        else:
            why = (f"la clé calculée est {expected}", f"the computed key is {expected}")
        yield _on_rib(
            self,
            rib,
            source.page,
            source.line,
            read=(source,),
            key=key,
            bank_code=bank_code,
            branch_code=branch_code,
            account=account,
            why=why[0],
            why_en=why[1],
        )


class BicInvalid(Check):
    """Le BIC du RIB est mal formé, ou d'un autre pays que l'IBAN.

    Le BIC (ou code SWIFT) désigne la banque : 8 ou 11 caractères, dont 4 lettres pour la
    banque puis 2 pour le pays (« FR »), qui doit être celui de l'IBAN. Un BIC d'un autre pays
    que l'IBAN, ou qui n'a pas cette forme, a été mal recopié ou vient d'un autre RIB.
    Correction : recopiez le BIC imprimé par la banque, ou joignez le RIB édité par la banque.
    """

    code = "R004"
    name = "bic-invalide"
    severity = Severity.ERROR
    message = {
        "fr": "{where} : le BIC {bic} {why}. Recopiez le BIC imprimé par la banque, ou joignez le RIB édité par la banque.",
        "en": "{where}: the BIC {bic} {why}. Copy the BIC printed by the bank, or attach the RIB issued by the bank.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        from stdnum import bic as stdnum_bic

        rib = _rib(dossier)
        if rib is None or rib.bic is None:
            return
        bic = rib.bic.value
        if not stdnum_bic.is_valid(bic):
            why = (
                "n'a pas la forme d'un BIC (8 ou 11 caractères : 4 lettres pour la banque, "
                "2 pour le pays, 2 pour le lieu, et 3 pour l'agence s'il y a lieu)",
                "does not have the form of a BIC (8 or 11 characters: 4 letters for the bank, "
                "2 for the country, 2 for the location, and 3 for the branch if any)",
            )
        elif rib.iban is not None and rib.iban.value[:2].isalpha():
            iban_country, bic_country = rib.iban.value[:2], bic[4:6]
            allowed = _BIC_COUNTRIES_OF_IBAN.get(iban_country, frozenset({iban_country}))
            if bic_country in allowed:
                return
            why = (
                f"désigne une banque du pays {bic_country}, alors que l'IBAN est du pays "
                f"{iban_country}",
                f"names a bank of country {bic_country}, whereas the IBAN is of country "
                f"{iban_country}",
            )
        else:
            return
        yield _on_rib(
            self,
            rib,
            rib.bic.page,
            rib.bic.line,
            read=(rib.bic, rib.iban),
            bic=bic,
            why=why[0],
            why_en=why[1],
        )


class IbanDisagreesWithRib(Check):
    """L'IBAN ne reprend pas les coordonnées bancaires imprimées sur le RIB.

    Un IBAN français est « FR », deux chiffres de contrôle, puis exactement le code banque, le
    code guichet, le numéro de compte et la clé RIB :
    s'ils diffèrent, l'un des deux a été mal recopié ou le RIB mêle deux comptes, et l'on ne
    sait pas sur lequel verser l'aide. Correction : joignez le RIB édité par la banque, sans
    retouche.
    """

    code = "R005"
    name = "iban-different-du-rib"
    severity = Severity.ERROR
    message = {
        "fr": "{where} : l'IBAN {iban} ne reprend pas les coordonnées imprimées sur le RIB ({differences}). L'un des deux a été mal recopié : joignez le RIB édité par la banque.",
        "en": "{where}: the IBAN {iban} does not repeat the bank details printed on the RIB ({differences}). One of them was miscopied: attach the RIB issued by the bank.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        rib = _rib(dossier)
        if rib is None or rib.iban is None or rib.bban is None:
            return
        iban = rib.iban.value
        # Only a French IBAN of 27 characters carries these fields; another is R002's.
        if not iban.startswith("FR") or len(iban) != FRENCH_IBAN_LENGTH:
            return
        in_iban, printed = iban[4:], rib.bban.bban
        differences = [
            (fr, en, printed[part], in_iban[part])
            for fr, en, part in _FIELD_NAMES
            if printed[part] != in_iban[part]
        ]
        if not differences:
            return
        yield _on_rib(
            self,
            rib,
            rib.iban.page,
            rib.iban.line,
            read=(rib.iban, rib.bban),
            iban=_display(iban),
            differences="; ".join(
                f"{fr} {p} sur le RIB, {i} dans l'IBAN" for fr, _, p, i in differences
            ),
            differences_en="; ".join(
                f"{en} {p} on the RIB, {i} in the IBAN" for _, en, p, i in differences
            ),
        )


class HolderNotApplicant(Check):
    """Le titulaire du compte n'est pas la structure qui demande l'aide.

    L'aide est versée à la structure qui la demande, sur un compte à son nom : un RIB au nom
    d'une autre structure (l'intercommunalité qui désigne l'association, un membre, un
    prestataire) ne peut pas être retenu. Les noms sont comparés comme une personne le ferait :
    casse, accents, ordre des mots, les abréviations des banques (« ASS », « ASSO », « ASSOC »
    pour « Association », « CNE » pour « Commune », « CC » ou « COMM COMMUNES » pour
    « Communauté de communes », « STE » pour « Société ») n'y changent rien. Un nom qui ne diffère que d'un mot coupé ou d'une lettre
    (« ASSOCIATION DE NTELLE NUMERIQUE », comme la reconnaissance de caractères lit souvent
    une photo de RIB) n'est qu'un avertissement, qui montre les deux écritures. Le compte du
    Trésor public d'une collectivité ou d'un établissement public est admis (voir R007). Correction : joignez le RIB du
    compte de la structure qui demande l'aide, ou corrigez son nom dans ``dossier.yaml`` s'il
    a été mal reconnu.
    """

    code = "R006"
    name = "titulaire-different"
    severity = Severity.ERROR
    message = {
        "fr": "{where} : le titulaire du compte, « {holder} », {problem}",
        "en": '{where}: the account holder, "{holder}", {problem}',
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        rib = _rib(dossier)
        structure = dossier.fact("structure.name")
        if rib is None or rib.holder is None or not isinstance(structure, str):
            return
        if _is_public_treasury(dossier, rib):
            return
        names = (*rib.holder_lines, " ".join(rib.holder_lines))
        if any(same_structure(name, structure) for name in names):
            return
        if any(near_structure(name, structure) for name in names):
            problem = (
                f"ressemble à la structure qui demande l'aide, « {structure} », sans s'écrire "
                "de la même façon (un mot coupé ou une lettre mal lue ?). Vérifiez sur le RIB "
                "que le compte est bien à son nom.",
                f'looks like the applying structure, "{structure}", without being spelt the '
                "same way (a split word or a misread letter?). Check on the RIB that the "
                "account is in its name.",
            )
            severity: Severity | None = Severity.WARNING
        else:
            problem = (
                f"n'est pas la structure qui demande l'aide, « {structure} ». Joignez le RIB "
                "d'un compte au nom de cette structure (ou corrigez son nom dans dossier.yaml "
                "s'il a été mal reconnu).",
                f'is not the applying structure, "{structure}". Attach the RIB of an account '
                "in the name of that structure (or correct its name in dossier.yaml if it was "
                "misread).",
            )
            severity = None
        found = _on_rib(
            self,
            rib,
            rib.holder.page,
            rib.holder.line,
            read=(rib.holder,),
            holder=rib.holder.value,
            problem=problem[0],
            problem_en=problem[1],
        )
        yield replace(found, severity=severity or found.severity)


class TreasuryAccount(Check):
    """Le RIB est celui d'un compte du Trésor public, accepté pour une collectivité.

    Les communes, les intercommunalités, les syndicats mixtes (dont les PETR) et les autres
    établissements publics locaux n'ont pas de compte bancaire à eux : leurs fonds sont
    tenus par le comptable public (« TRESOR PUBLIC », DGFiP, service de gestion
    comptable, trésorerie) sur un compte à la Banque de France (code banque 30001, BIC
    commençant par BDFE). Le titulaire imprimé est alors ce comptable, et non la structure :
    c'est normal. Pour une association, un tel RIB n'est pas à son nom (voir R006). Aucune
    correction n'est nécessaire.
    """

    code = "R007"
    name = "compte-tresor-public"
    severity = Severity.INFO
    message = {
        "fr": "{where} : compte du Trésor public à la Banque de France ({signs}), celui sur lequel la Région paie une collectivité : accepté pour {structure}. Aucune correction n'est nécessaire.",
        "en": "{where}: account of the Trésor public at the Banque de France ({signs}), the one on which the Région pays a local authority: accepted for {structure}. No correction is needed.",
    }

    def run(self, dossier: Dossier) -> Iterator[Finding]:
        rib = _rib(dossier)
        if rib is None or dossier.fact("structure.kind") not in PUBLIC_ACCOUNTING:
            return
        evidence = _treasury_evidence(rib)
        if evidence is None:
            return
        located = rib.holder or rib.iban or rib.bban
        page = located.page if located is not None else None
        structure = dossier.fact("structure.name")
        yield _on_rib(
            self,
            rib,
            page,
            evidence[0],
            structure=f"« {structure} »" if isinstance(structure, str) else "la collectivité",
            structure_en=f'"{structure}"' if isinstance(structure, str) else "the local authority",
            signs=evidence[0],
            signs_en=evidence[1],
        )
