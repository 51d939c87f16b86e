"""click's own words (usage lines, errors, help headings) in the language of the command.

click writes its messages through gettext's global functions (each of its modules does
``from gettext import gettext as _``), which take the language from the environment
(``LANGUAGE``, ``LANG``) and find no French catalogue anyway: an applicant would read
« Error: No such option '--formaat'. » under French help texts. dossierkit speaks French
unless English is asked for (``--lang en``), whatever the system's locale; so while a
command runs (``click_language``), the ``_`` and ``ngettext`` of click's modules are the
methods of a translation object, ``gettext.NullTranslations`` (English, click's own words)
or ``French`` (the catalogue below), and they are put back when it ends.

What click prints without gettext is done here too: the help's headings take a French
colon, the metavars click derives from a type's name (``INTEGER RANGE``, ``PATH``) are
named in French, and the help of the ``--help`` and ``--version`` options, made once and
kept by click, is given in the language of the moment (``HelpFormatter``). In English, the
commands' own help, written in French where they are declared, is replaced by its English
(``help_en``): the formatter of each command's context is given the translations.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from types import ModuleType
from typing import Any

import click

from dossierkit.cli.help_en import METAVARS as ENGLISH_METAVARS
from dossierkit.cli.help_en import english_commands, english_help
from dossierkit.text import french_typography

_LANGUAGE: ContextVar[str] = ContextVar("dossierkit_click_language", default="fr")

# click's message → its French. Spaces as typed: French typography is applied on lookup.
SINGULAR: dict[str, str] = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Pour l'aide : « {command} {option} ».",
    "Missing command.": "commande manquante.",
    "Aborted!": "Interrompu.",
    "No such option {name!r}.": "l'option « {name} » n'existe pas.",
    "No such command {name!r}.": "la commande « {name} » n'existe pas.",
    "Invalid value for {param_hint}: {message}": "valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "valeur invalide : {message}",
    "Missing argument": "argument manquant",
    "Missing option": "option manquante",
    "Missing parameter": "paramètre manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "paramètre manquant : {param_name}",
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "« {value} » n'est pas {number_type} valide.",
    "{value} is not in the range {range}.": "{value} est hors des valeurs permises ({range}).",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "« {value} » n'est ni vrai ni faux. Valeurs reconnues : {states}"
    ),
    "{value!r} is not a valid UUID.": "« {value} » n'est pas un UUID valide.",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "{name} {filename!r} does not exist.": "{name} « {filename} » introuvable.",
    "{name} {filename!r} is a file.": "{name} attendu : « {filename} » est un fichier.",
    "{name} {filename!r} is a directory.": "{name} attendu : « {filename} » est un dossier.",
    "{name} {filename!r} is not readable.": "{name} « {filename} » : lecture non permise.",
    "{name} {filename!r} is not writable.": "{name} « {filename} » : écriture non permise.",
    "{name} {filename!r} is not executable.": "{name} « {filename} » : exécution non permise.",
    "Could not open file {filename!r}: {message}": (
        "Impossible d'ouvrir le fichier « {filename} » : {message}"
    ),
    "Option {name!r} does not take a value.": "l'option « {name} » ne prend pas de valeur.",
    "Argument {name!r} takes {nargs} values.": "l'argument « {name} » prend {nargs} valeurs.",
    "Invalid start character for option ({option})": "option mal écrite ({option})",
    "default: {default}": "défaut : {default}",
    "env var: {var}": "variable d'environnement : {var}",
    "required": "obligatoire",
    "(dynamic)": "(variable)",
    "Value must be an iterable.": "La valeur doit être une liste.",
    "unknown error": "erreur inconnue",
    "deprecated": "obsolète",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Attention : la commande « {name} » est obsolète.{extra_message}"
    ),
    "Do you want to continue?": "Voulez-vous continuer ?",
    "Repeat for confirmation": "Répétez pour confirmer",
    "Error: The two entered values do not match.": "Erreur : les deux saisies diffèrent.",
    "Error: invalid input": "Erreur : saisie invalide",
}
# (singular, plural) → their French; French takes the plural above one (« 0 valeur »).
PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "argument en trop : {args}.",
        "arguments en trop : {args}.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire l'une de celles-ci : {possibilities} ?)",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "{nargs} valeurs sont attendues, mais 1 seule est donnée.",
        "{nargs} valeurs sont attendues, mais {len} sont données.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "« {value} » n'est pas {choice}.",
        "« {value} » n'est pas l'un des choix : {choices}.",
    ),
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): (
        "« {value} » ne suit pas le format {format}.",
        "« {value} » ne suit aucun des formats {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} valeurs sont attendues, mais {len_value} est donnée.",
        "{len_type} valeurs sont attendues, mais {len_value} sont données.",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "l'option « {name} » attend une valeur.",
        "l'option « {name} » attend {nargs} valeurs.",
    ),
}
# The name of a number type (``IntParamType.name``…) in « n'est pas {number_type} valide ».
_NUMBER_TYPES = {
    "integer": "un nombre entier",
    "integer range": "un nombre entier",
    "float": "un nombre",
    "float range": "un nombre",
}
# The metavars click makes from a type's name, in the help and the usage line.
_METAVARS = {
    "INTEGER RANGE": "ENTIER",
    "FLOAT RANGE": "NOMBRE",
    "INTEGER": "ENTIER",
    "FLOAT": "NOMBRE",
    "TEXT": "TEXTE",
    "FILENAME": "FICHIER",
    "FILE": "FICHIER",
    "DIRECTORY": "DOSSIER",
    "PATH": "CHEMIN",
    "BOOLEAN": "OUI/NON",
    "COMMAND": "COMMANDE",
    "[ARGS]": "[ARGUMENTS]",
}
_METAVAR = re.compile(r"(?<![\w-])(" + "|".join(re.escape(m) for m in _METAVARS) + r")(?![\w-])")
# The date formats click shows (``DateTime``'s metavar and error), as a French form writes them.
_DATE_PARTS = {"%Y": "AAAA", "%m": "MM", "%d": "JJ", "%H": "hh", "%M": "mm", "%S": "ss"}
_DATE_PART = re.compile("|".join(_DATE_PARTS))
# A name click quotes with repr ('--jobs', 'DOSSIER', 'fr', 'en'): an opening quote no
# letter precedes and a closing one no letter follows, which a French elision never is
# (« l'option », « n'est »).
_QUOTED = re.compile(r"(?<!\w)'([^'\n]+)'(?!\w)")
# The bracket click adds to an option's help: its default, range, « required ».
_EXTRA = re.compile(r"\[[^\[\]]*\]$")
# The help click gives its own options, kept in the language they were made in.
_OWN_HELP = ("Show this message and exit.", "Show the version and exit.")


def current_language() -> str:
    """The language click speaks at the moment (``fr`` outside any ``click_language``)."""
    return _LANGUAGE.get()


def _guillemets(text: str) -> str:
    return _QUOTED.sub("«\u202f\\1\u202f»", text)


def _dates(text: str) -> str:
    return _DATE_PART.sub(lambda m: _DATE_PARTS[m.group(0)], text)


def _french_value(key: str, value: object) -> object:
    """What fills a French template, set the French way: a number type in words, the date
    formats as a form writes them, the names click quotes with « ' » in guillemets."""
    if not isinstance(value, str):
        return value
    if key == "number_type":
        return _NUMBER_TYPES.get(value, value)
    if key in ("format", "formats"):
        value = _dates(value)
    return _guillemets(value)


class _French(str):
    """A French message template, which fills itself with ``_french_value``."""

    def format(self, *args: object, **kwargs: object) -> str:
        values = {key: _french_value(key, value) for key, value in kwargs.items()}
        return str.format(self, *args, **values)


class French(gettext.NullTranslations):
    """click's messages in French; any message not in the catalogue stays click's."""

    def gettext(self, message: str) -> str:
        if message in SINGULAR:
            return _French(french_typography(SINGULAR[message]))
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        if (msgid1, msgid2) in PLURAL:
            one, many = PLURAL[msgid1, msgid2]
            return _French(french_typography(many if n > 1 else one))
        return msgid1 if n == 1 else msgid2


def _translations(lang: str) -> gettext.NullTranslations:
    return French() if lang == "fr" else gettext.NullTranslations()


def requested_language(args: Sequence[str]) -> str:
    """The language the command line asks for: English with ``--lang en`` (or
    ``--lang=en``), French otherwise, as every command's ``--lang`` defaults to French."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return "en" if args[i + 1] == "en" else "fr"
        if arg.startswith("--lang="):
            return "en" if arg == "--lang=en" else "fr"
    return "fr"


def _click_modules() -> list[ModuleType]:
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    return [
        click.core,
        click.decorators,
        click.exceptions,
        click.formatting,
        click.parser,
        click.termui,
        click.types,
    ]


@contextmanager
def click_language(lang: str) -> Iterator[None]:
    """Within the block, click speaks ``lang`` (``fr`` or ``en``); it is put back after.
    Blocks may nest (the entry point and the group each open one)."""
    translations = _translations(lang)
    functions = {"_": translations.gettext, "ngettext": translations.ngettext}
    saved: list[tuple[ModuleType, str, Any]] = []
    for module in _click_modules():
        for name, function in functions.items():
            if hasattr(module, name):
                saved.append((module, name, getattr(module, name)))
                setattr(module, name, function)
    token = _LANGUAGE.set(lang)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)
        for module, name, previous in reversed(saved):
            setattr(module, name, previous)


def _own_help(text: str) -> str:
    """The help of ``--help`` or ``--version`` in the language of the moment, whichever
    language it was made in."""
    french = French()
    for english in _OWN_HELP:
        if text in (english, french.gettext(english)):
            return _translations(_LANGUAGE.get()).gettext(english)
    return text


def _typeset(text: str) -> str:
    """French typography's spaces in help written in French (``text.french_typography``)."""
    if _LANGUAGE.get() != "fr":
        return text
    from dossierkit.text import french_typography

    return french_typography(text)


# The bracket click appends to an option's help, with the two spaces before it.
_HELP_AND_EXTRA = re.compile(r"(.*?)((?:  )?\[[^\[\]]*\])?$", re.S)


def _plain(text: str) -> str:
    """``text`` with ordinary spaces for no-break ones, to find it whichever it was typed with."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


class HelpFormatter(click.HelpFormatter):
    """click's help formatter, with French headings (« Options : ») and metavars; in
    English, the commands' French help replaced by ``english`` (French text → English) and
    the descriptions of a group's ``commands`` (name → English), as ``Context`` gives them."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.english: dict[str, str] = {}
        self.commands: dict[str, str] = {}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, self._metavars(args), prefix)

    def _english(self, text: str) -> str:
        return self.english.get(_plain(text), text)

    def write_heading(self, heading: str) -> None:
        if _LANGUAGE.get() != "fr":
            super().write_heading(heading)
            return
        self.write(f"{'':>{self.current_indent}}{heading}\u00a0:\n")

    def write_text(self, text: str) -> None:
        """A command's description, with French typography's no-break spaces: click wraps
        help with ``textwrap``, which breaks lines at ASCII spaces only, so that « : » and
        « » » never start a line. In English, its English."""
        if _LANGUAGE.get() != "fr":
            text = self._english(text)
        super().write_text(_typeset(text))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        if _LANGUAGE.get() != "fr":
            rows = self._english_rows(rows)
        rows = [(self._metavars(term), self._help(text)) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)

    def _english_rows(self, rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """An option's help in English (click's bracket kept), a command's description
        shortened as click shortens it in a group's list (``format_commands``)."""
        limit = self.width - 6 - max((len(term) for term, _ in rows), default=0)
        english = []
        for term, text in rows:
            if term in self.commands:
                text = _short_help(self.commands[term], limit)
            else:
                match = _HELP_AND_EXTRA.fullmatch(text)
                if match is not None:
                    text = self._english(match.group(1)) + (match.group(2) or "")
            english.append((term, text))
        return english

    @staticmethod
    def _help(text: str) -> str:
        """An option's help: click's own in the language of the moment, and the « ; » that
        joins its bracket (« [défaut : 200; x>=1] ») spaced the French way."""
        text = _own_help(text)
        if _LANGUAGE.get() != "fr":
            return text
        return _typeset(_EXTRA.sub(lambda m: m.group(0).replace("; ", "\u202f; "), text))

    @staticmethod
    def _metavars(text: str) -> str:
        if _LANGUAGE.get() != "fr":
            return _ENGLISH_METAVAR.sub(lambda m: ENGLISH_METAVARS[m.group(1)], text)
        return _dates(_METAVAR.sub(lambda m: _METAVARS[m.group(1)], text))


# The French names of arguments and values (« NOM|SIREN » tried before « NOM »).
_ENGLISH_METAVAR = re.compile(
    r"(?<![\w-])("
    + "|".join(re.escape(m) for m in sorted(ENGLISH_METAVARS, key=len, reverse=True))
    + r")(?![\w-])"
)


class Context(click.Context):
    """A context whose help is written by ``HelpFormatter``, in English with the English of
    its command's help."""

    formatter_class = HelpFormatter

    def make_formatter(self) -> click.HelpFormatter:
        formatter = super().make_formatter()
        if isinstance(formatter, HelpFormatter) and _LANGUAGE.get() != "fr":
            formatter.english = {_plain(k): v for k, v in english_help(self).items()}
            formatter.commands = english_commands(self)
        return formatter


def _short_help(text: str, limit: int) -> str:
    """A command's description as a group's list shows it: its first sentence, cut at a word
    with « ... » past ``limit`` characters (what click's own shortening does; click 8.5
    deprecates the function that did it)."""
    first = " ".join(text.split("\n\n", 1)[0].split())
    sentence = first.split(". ", 1)[0].rstrip(".")
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 3].rsplit(" ", 1)[0].rstrip(",;:") + "..."
