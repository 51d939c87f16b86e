#!/usr/bin/env bash
# Installe tout ce dont les tests ont besoin, puis les lance.
#   - outils système (paquets Debian) : LibreOffice, pour les cas lents de bout en bout ;
#     Tesseract (avec le français), pour lire les documents numérisés ;
#     Chromium, pour la page HTML du tri ouverte dans un vrai navigateur ;
#   - paquets Python : dossierkit et ses dépendances de test, dans un environnement .venv.
# Sans droits d'administration, les outils système absents sont signalés et les tests qui en
# ont besoin sont sautés (en CI, où CI=true, ils échouent au lieu d'être sautés).
# Usage : bash scripts/test.sh [options de pytest]
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=()
command -v soffice >/dev/null 2>&1 || apt_packages+=(libreoffice-writer-nogui libreoffice-calc-nogui fonts-dejavu-core)
# Tesseract et sa langue française : les documents numérisés sont lus par OCR (tests « slow »).
{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -x fra >/dev/null; } \
  || apt_packages+=(tesseract-ocr tesseract-ocr-fra)
# Chromium : la page HTML du tri est testée dans un vrai navigateur, piloté par Playwright.
command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
python3 -m venv --help >/dev/null 2>&1 || apt_packages+=(python3-venv)

if ((${#apt_packages[@]})); then
  if [ "$(id -u)" = 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
  else
    sudo="none"
  fi
  if [ "$sudo" = none ]; then
    echo "dossierkit : paquets système absents (${apt_packages[*]}) ; installez-les pour lancer tous les tests." >&2
  else
    echo "dossierkit : installation de ${apt_packages[*]}…" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
# Le contrôle du code avant les tests : style (ruff), mise en forme, types (mypy strict).
# Un constat fait échouer la commande, comme un test qui échoue.
echo "dossierkit : contrôle du code (ruff, mypy)…" >&2
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy dossierkit
# Un processus de test par cœur (-n auto) : les cas lents attendent LibreOffice ou Tesseract.
# Le bytecode est écrit même si l'environnement l'interdit (PYTHONDONTWRITEBYTECODE, réglé par
# certains bacs à sable et CI) : chaque interpréteur neuf que lancent les tests (dossierkit
# serve, les travailleurs du tri, la ligne de commande) compilerait sinon dossierkit à nouveau,
# 0,4 s de processeur à chaque fois.
exec env -u PYTHONDONTWRITEBYTECODE .venv/bin/python -m pytest -n auto "$@"
