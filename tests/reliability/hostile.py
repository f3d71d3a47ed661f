"""Pages a misbehaving or hostile outlet serves, for the reliability tests."""

from __future__ import annotations

from html import escape

from crawler.sample_outlet import Page

LATIN1_PARAGRAPHS = (
    "The Café Zaïqa on Jamrud Road in Peshawar reopened on Monday after the district "
    "administration lifted the curfew that followed last week's attack on a police post.",
    "Its owner, Señor Qasim Niño, said business was down by half; a cup of qahwa now costs "
    "£0.40 at the exchange rate, and the temperature reached 41° in the afternoon.",
    "Traders in the Qissa Khwani bazaar described the week as the quietest they could remember, "
    "with shutters down and the main roads guarded by Frontier Corps personnel at every turn.",
    "Officials promised compensation for damaged shops and said the security cordon would be "
    "reduced gradually over the coming days, depending on the situation in the district.",
)
TRUNCATED_PARAGRAPHS = (
    "Security forces said on Tuesday they had cleared the last hideout used by the attackers in "
    "the hills above Darra Adam Khel, three days after the assault on a checkpoint in the area.",
    "A spokesman said two soldiers were injured in the final exchange of fire and that weapons, "
    "ammunition and communication equipment had been recovered from the compound.",
    "Residents who had left during the operation began returning to their villages on Tuesday "
    "afternoon, escorted by police along the road from Kohat towards the tunnel.",
    "The provincial government announced a survey of damaged houses and said schools in the "
    "area would reopen next week once the remaining roads had been checked for explosives.",
)


def article_html(title: str, paragraphs: tuple[str, ...], *, meta_charset: str | None = None) -> str:
    """A plain article page."""
    meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
    body = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head>{meta}<title>{escape(title)}</title></head>"
        f"<body><article><h1>{escape(title)}</h1>\n{body}</article></body></html>"
    )


def latin1_page() -> Page:
    """An article in ISO-8859-1, declared only in the Content-Type header."""
    html = article_html("Peshawar café reopens after curfew", LATIN1_PARAGRAPHS)
    return Page(body=html.encode("latin-1"), content_type="text/html; charset=iso-8859-1")


def truncated_page() -> Page:
    """Valid HTTP, but the HTML stops in the middle of the last paragraph (no closing tags)."""
    html = article_html("Darra Adam Khel operation ends", TRUNCATED_PARAGRAPHS)
    cut = html.index("once the remaining roads")
    return Page(body=html[:cut].encode())


def nested_page(depth: int = 20_000) -> Page:
    """An article buried in ``depth`` unclosed <div>s."""
    html = article_html("Deeply nested", TRUNCATED_PARAGRAPHS)
    return Page(body=(("<div>" * depth) + html).encode())


def malformed_page() -> Page:
    """Tag soup: unclosed and misnested tags, stray end tags, a broken attribute."""
    paragraphs = "".join(f"<p><b><i>{escape(p)}</b></i>" for p in LATIN1_PARAGRAPHS)
    head = "<html><head><title>Soup</title><body></td></tr><div class=x data-y=><article><font>"
    html = f"{head}{paragraphs}</span></html>"
    return Page(body=html.encode())


def pdf_page() -> Page:
    """A PDF served under an article URL."""
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n" + bytes(range(256)) * 40
    return Page(body=body, content_type="application/pdf")


def huge_page(megabytes: int = 24, *, send_length: bool = True) -> Page:
    """An HTML page of ``megabytes`` MB (announced in Content-Length unless ``send_length`` is False)."""
    chunk = b"<p>" + b"x" * 1020 + b"</p>"
    body = b"<html><body>" + chunk * (megabytes * 1024) + b"</body></html>"
    return Page(body=body, send_length=send_length)


def rss(links: list[str], title: str = "More") -> bytes:
    """An RSS 2.0 feed with one item per link (links are not escaped: tests pass raw XML)."""
    items = "".join(
        f"<item><title>item {i}</title><link>{link}</link></item>\n" for i, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://127.0.0.1/</link><description>d</description>\n{items}</channel></rss>\n"
    ).encode()


def billion_laughs(root: str) -> bytes:
    """The classic entity bomb (10^9 'lol's if expanded) inside ``root``."""
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n'
        + "\n".join(entities)
        + "\n]>\n"
        + root.replace("BOMB", "&lol9;")
    ).encode()


def external_entity(root: str, path: str) -> bytes:
    """An external entity pointing at a local file, used inside ``root`` (as XXE)."""
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{path}">]>\n'
        + root.replace("XXE", "&xxe;")
    ).encode()
