"""Rendering a synthetic article the way it reaches us: a page copied as text, a saved HTML page, a JSON record."""

from __future__ import annotations

import html
import json
import random
from typing import Any

from newsetl.bench._articles import Article

# Inline scripts and styles make up much of a real page's bytes; extractors must skip them.
_SCRIPT = "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}" * 200
_STYLE = ".nav a{color:#222;padding:4px 8px}.ad{min-height:250px;background:#eee}" * 150


def render_text_dump(article: Article, rng: random.Random) -> str:
    """The page as a person copies it: menus, headline, byline, furniture between paragraphs, footer."""
    lang = article.language
    chrome = lang.chrome
    lines = [f"{article.title} | {article.site}", "", article.site, "", *chrome[:3], ""]
    lines += [*_menu(article, rng), "", *_submenu(article, rng), "", *chrome[6:9], "", article.title, ""]
    lines += [f"  • {bullet}" for bullet in article.bullets]
    lines += ["", f"{lang.by} {' and '.join(article.authors)}", article.dateline()]
    if rng.random() < 0.7:
        lines.append(lang.reading_time.format(article.reading_minutes))
    if lang.code == "en" and rng.random() < 0.3:
        lines.append(f"Why you can trust {article.site}")
    if article.caption:
        lines.append(f"{article.caption}. {lang.photo}: {article.agency}")
    for number, paragraph in enumerate(article.paragraphs):
        lines += [paragraph, ""]
        lines += _between_paragraphs(article, rng, number)
    lines += [lang.share, "", chrome[11], *article.related, "", chrome[3], *_most_read(article, rng), ""]
    lines += [chrome[4], chrome[5], "", chrome[9], chrome[10], "", *_submenu(article, rng), ""]
    lines += [f"© {article.published.year} {article.site}", *lang.footer]
    return "\n".join(lines) + "\n"


def _menu(article: Article, rng: random.Random) -> list[str]:
    return [item for item in article.language.menu if rng.random() < 0.8]


def _submenu(article: Article, rng: random.Random) -> list[str]:
    # Section fronts with their sub-sections, as a site's mega-menu prints them one per line.
    return [f"{section} {item}" for section in article.language.menu[:4] for item in article.language.menu[4:8]]


def _most_read(article: Article, rng: random.Random) -> list[str]:
    return [f"{number}. {title}" for number, title in enumerate(rng.sample(article.related, k=3), start=1)]


def _between_paragraphs(article: Article, rng: random.Random, number: int) -> list[str]:
    lang, roll = article.language, rng.random()
    if roll < 0.18:
        return [rng.choice(lang.ad_labels), ""]
    if roll < 0.22:
        return [lang.continues, ""]
    if number == 2 and article.video_title:
        return [f"{rng.randint(0, 9):02d}:{rng.randint(0, 59):02d}", "", article.video_title, ""]
    return []


def render_html_page(article: Article, rng: random.Random) -> str:
    """A saved news page: metadata in the head, navigation, the article with a figure and ads, an aside, a footer."""
    lang = article.language
    escape = html.escape
    body = []
    for number, paragraph in enumerate(article.paragraphs):
        body.append(f"<p>{escape(paragraph)}</p>")
        if rng.random() < 0.2:
            body.append(f'<div class="ad"><span>{escape(rng.choice(lang.ad_labels))}</span><div></div></div>')
        if number == 1 and article.caption:
            body.append(
                f'<figure><img src="/img/{article.index}.jpg" alt="">'
                f"<figcaption>{escape(article.caption)}. {lang.photo}: {escape(article.agency)}</figcaption></figure>"
            )
    links = "".join(f'<li><a href="/{escape(item.lower())}">{escape(item)}</a></li>' for item in lang.menu * 6)
    related = "".join(f'<li><a href="/r/{n}">{escape(title)}</a></li>' for n, title in enumerate(article.related))
    footer = "".join(f'<a href="/f/{n}">{escape(item)}</a> ' for n, item in enumerate(lang.footer))
    sitemap = "".join(f'<li><a href="/s/{n}">{escape(item)} {n}</a></li>' for n, item in enumerate(lang.menu * 12))
    return (
        f'<!DOCTYPE html><html lang="{lang.code}"><head><meta charset="utf-8">'
        f"<title>{escape(article.title)} | {escape(article.site)}</title>"
        f'<meta property="og:title" content="{escape(article.title)}">'
        f'<meta property="og:url" content="{escape(article.url)}">'
        f'<meta name="author" content="{escape(", ".join(article.authors))}">'
        f'<meta property="article:published_time" content="{article.published.isoformat()}Z">'
        f'<script type="application/ld+json">{json.dumps(_json_ld(article))}</script>'
        f"<style>{_STYLE}</style><script>{_SCRIPT}</script></head><body>"
        f'<header><a class="logo" href="/">{escape(article.site)}</a><nav><ul>{links}</ul></nav></header>'
        f'<main><article><h1>{escape(article.title)}</h1><div class="byline">{lang.by} '
        f"{escape(' and '.join(article.authors))}</div><time>{escape(article.dateline())}</time>"
        f"{''.join(body)}"
        f'<div class="share">{escape(lang.share)}</div></article>'
        f"<aside><h2>Related</h2><ul>{related}</ul></aside></main>"
        f'<footer><div class="sitemap"><ul>{sitemap}</ul></div>'
        f"<p>© {article.published.year} {escape(article.site)}</p>{footer}</footer>"
        f"<script>{_SCRIPT}</script></body></html>"
    )


def _json_ld(article: Article) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": f"{article.published.isoformat()}Z",
        "author": [{"@type": "Person", "name": name} for name in article.authors],
        "inLanguage": article.language.code,
    }


def render_json_record(article: Article, rng: random.Random) -> dict[str, Any]:
    """An export record: fields stated by the exporter, the text with some furniture left in (a tenth as HTML)."""
    record: dict[str, Any] = {
        "url": article.url,
        "title": article.title,
        "published": f"{article.published.isoformat()}Z",
        "authors": list(article.authors),
        "language": "zh" if article.chinese else article.language.code,
    }
    if rng.random() < 0.1:
        record["html"] = "<article>" + "".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs) + "</article>"
        return record
    lines = [article.title, ""]
    for number, paragraph in enumerate(article.paragraphs):
        lines += [paragraph, "", *_between_paragraphs(article, rng, number)]
    record["text"] = "\n".join([*lines, article.language.share])
    return record
