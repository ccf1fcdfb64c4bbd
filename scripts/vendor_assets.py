"""Copy the pinned front-end assets from node_modules into static/vendor (with their licences)."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
DEST = ROOT / "static" / "vendor"

# package → (files or folders to copy, relative to the package root)
ASSETS: dict[str, list[str]] = {
    "bootstrap-italia": [
        "dist/css/bootstrap-italia.min.css",
        "dist/js/bootstrap-italia.bundle.min.js",
        "dist/fonts",
        "dist/svg/sprites.svg",
        "LICENSE",
    ],
    "htmx.org": ["dist/htmx.min.js", "LICENSE"],
    "chart.js": ["dist/chart.umd.min.js", "LICENSE.md"],
    "leaflet": ["dist/leaflet.js", "dist/leaflet.css", "dist/images", "LICENSE"],
    "axe-core": ["axe.min.js", "LICENSE"],
}


def build_rtl_stylesheet() -> None:
    """Bootstrap Italia ships only a left-to-right stylesheet: the mirrored one for Arabic is
    generated here with rtlcss (pinned in package.json), which honours its /* rtl: */ directives."""
    src = DEST / "bootstrap-italia" / "bootstrap-italia.min.css"
    dst = DEST / "bootstrap-italia" / "bootstrap-italia.rtl.min.css"
    if dst.exists() and dst.stat().st_mtime >= src.stat().st_mtime:
        return
    subprocess.run([str(NODE / ".bin" / "rtlcss"), str(src), str(dst)], check=True, capture_output=True)  # noqa: S603 - fixed paths


def main() -> int:
    if not NODE.exists():
        print("node_modules mancante: esegui prima 'npm ci'", file=sys.stderr)
        return 1
    for package, items in ASSETS.items():
        for item in items:
            src = NODE / package / item
            dst = DEST / package / Path(item).name
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, dirs_exist_ok=True)
            else:
                shutil.copy2(src, dst)
    build_rtl_stylesheet()
    print(f"Asset front-end copiati in {DEST.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
