"""Fill empty msgstr entries of a makemessages catalogue from a JSON dictionary (Italian → English)
and drop "fuzzy" guesses: `python scripts/fill_po.py <django.po> <translations.json>`.
Prints the msgids still without a translation."""

import ast
import json
import sys
from pathlib import Path


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def main(po_path: str, json_path: str) -> int:
    table: dict[str, str] = json.loads(Path(json_path).read_text(encoding="utf-8"))
    blocks = Path(po_path).read_text(encoding="utf-8").strip().split("\n\n")
    out = [blocks[0]]
    missing = []
    for block in blocks[1:]:
        lines = block.splitlines()
        msgid, kw = "", ""
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                if kw == "msgid":
                    msgid += ast.literal_eval(line)
            else:
                kw, _, value = line.partition(" ")
                if kw == "msgid":
                    msgid = ast.literal_eval(value)
        comments = [ln for ln in lines if ln.startswith("#") and not ln.startswith("#,")]
        flags = [ln for ln in lines if ln.startswith("#,")]
        flags = [f.replace(" fuzzy,", "").replace(", fuzzy", "") for f in flags if f.strip() != "#, fuzzy"]
        msgid_lines: list[str] = []
        for line in lines:
            if line.startswith("msgid ") or (
                line.startswith('"') and not any(x.startswith("msgstr") for x in msgid_lines)
            ):
                msgid_lines.append(line)
            elif line.startswith("msgstr"):
                break
        translation = table.get(msgid)
        if translation is None:
            missing.append(msgid)
            translation = ""
        body = comments + flags + msgid_lines + [f"msgstr {_quote(translation)}"]
        out.append("\n".join(body))
    Path(po_path).write_text("\n\n".join(out) + "\n", encoding="utf-8")
    for m in missing:
        print("MISSING:", m)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
