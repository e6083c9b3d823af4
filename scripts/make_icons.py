"""Draw Heard's PNG icons from the same shapes as static/heard/icon.svg, in headless Chromium.

    python scripts/make_icons.py        (needs playwright and Chromium, as the browser tests do)

Writes icon-192.png and icon-512.png (rounded, as icon.svg), icon-maskable-512.png (full bleed,
the circles inside the central 80% safe zone) and apple-touch-icon.png (180 px, full bleed)."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "src" / "heard" / "static" / "heard"
CIRCLES = (
    '<circle cx="26" cy="32" r="13" fill="none" stroke="#fff" stroke-width="4"/>'
    '<circle cx="38" cy="32" r="13" fill="none" stroke="#f2d8c9" stroke-width="4"/>'
)
ROUNDED = f'<rect width="64" height="64" rx="14" fill="#3d6b63"/>{CIRCLES}'
# Full bleed; the circles scaled to 70% about the centre so they sit well inside the safe zone.
FULL = f'<rect width="64" height="64" fill="#3d6b63"/><g transform="translate(9.6 9.6) scale(.7)">{CIRCLES}</g>'
ICONS = {
    "icon-192.png": (192, ROUNDED),
    "icon-512.png": (512, ROUNDED),
    "icon-maskable-512.png": (512, FULL),
    "apple-touch-icon.png": (180, FULL),
}


def main() -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for name, (size, shapes) in ICONS.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="{size}" height="{size}">{shapes}</svg>'
            page.set_content(
                f'<html><body style="margin:0;background:transparent">{svg}</body></html>'
            )
            page.screenshot(path=str(OUT / name), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
