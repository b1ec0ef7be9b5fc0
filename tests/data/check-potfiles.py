#!/usr/bin/env python3
# Every source file with a translatable string is listed in po/POTFILES.in, and every
# listed file exists. Prints TAP.
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = [line.strip() for line in (root / "po" / "POTFILES.in").read_text().splitlines()
          if line.strip() and not line.startswith("#")]
marker = re.compile(r'\b(?:N_|_|C_|NC_|g_dngettext|ngettext)\s*\(\s*"')
need = sorted(str(p.relative_to(root)) for p in (root / "src").rglob("*.c")
              if marker.search(p.read_text(encoding="utf-8")))
need += sorted(str(p.relative_to(root)) for p in (root / "src").rglob("*.ui")
               if 'translatable="yes"' in p.read_text(encoding="utf-8"))
need += sorted(str(p.relative_to(root)) for p in (root / "data").glob("*.xml*")
               if "gettext-domain" in p.read_text(encoding="utf-8") or "translatable" in p.read_text(encoding="utf-8"))
need += sorted(str(p.relative_to(root)) for p in (root / "data").glob("*.desktop.in"))
need += sorted(str(p.relative_to(root)) for p in (root / "data").glob("*.metainfo.xml.in"))

cases = []
for path in need:
    cases.append((path in listed, f"{path} is in po/POTFILES.in"))
for path in listed:
    cases.append(((root / path).exists(), f"{path} listed in POTFILES.in exists"))

print(f"1..{len(cases)}")
failed = 0
for i, (ok, name) in enumerate(cases, 1):
    print(f"{'ok' if ok else 'not ok'} {i} {name}")
    failed += 0 if ok else 1
sys.exit(1 if failed else 0)
