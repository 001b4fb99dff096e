"""The menu on field pages: each entry once, the field pages' menu behind one button."""

from __future__ import annotations

import re

import pytest


def nav_links(html: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return [re.sub(r"\s+", " ", text).strip() for text in re.findall(r"<a [^>]*>(.*?)</a>", nav)]


@pytest.mark.parametrize("path", ["/teren", "/moje-wizyty", "/"])
def test_a_researchers_menu_lists_each_entry_once(client, login, demo, path):
    login("researcher")
    links = nav_links(client.get(path).get_data(as_text=True))
    assert links.count("Teren") == 1 and links.count("Moje wizyty") == 1
    assert len(links) == len(set(links))


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_a_manager_sees_one_entry_for_phone_backups(client, login, role):
    login(role)
    links = nav_links(client.get("/kopie-zapasowe").get_data(as_text=True))
    assert [link for link in links if "Kopie zapasowe" in link] == ["Kopie zapasowe z telefonów"]


def test_field_pages_keep_the_menu_behind_one_button(client, login, demo):
    login("researcher")
    html = client.get("/teren").get_data(as_text=True)
    assert re.search(r'<details class="site-menu"><summary>Menu</summary>\s*<nav', html)
