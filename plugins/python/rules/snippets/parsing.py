"""Snippets for the parse-error rules (run by runSnippet.ts)."""
import base64
import json
import tomllib
import xml.etree.ElementTree as ET


def json_plain_text():
    return json.loads("not json")


def json_empty_body():
    return json.loads("")


def json_html_page():
    return json.loads("<html><body>Bad Gateway</body></html>")


def json_single_quotes():
    return json.loads("{'sku': 'A-1'}")


def json_trailing_comma():
    return json.loads('{"sku": "A-1",}')


def json_truncated():
    return json.loads('{"items": [1, 2')


def json_missing_comma():
    return json.loads('{"sku": "A-1" "qty": 2}')


def json_unterminated_string():
    return json.loads('{"sku": "A-1')


def json_two_documents():
    return json.loads('{"id": 1}\n{"id": 2}')


def json_trailing_garbage():
    return json.loads("[1, 2]]")


def eval_syntax():
    return compile("total = price quantity", "<rule>", "eval")


def eval_syntax_unclosed():
    return compile("(1, 2", "<rule>", "exec")


def xml_unclosed():
    return ET.fromstring("<order><sku>A</order>")


def xml_not_xml():
    return ET.fromstring("sku=A")


def utf8_decode():
    return b"caf\xe9".decode("utf-8")


def utf8_decode_start():
    return b"\xff\xfeorders".decode("utf-8")


def ascii_decode():
    return b"\xc3\xa9".decode("ascii")


def base64_padding():
    return base64.b64decode("YWJjZA=")


def base64_validate():
    return base64.b64decode("not base64!", validate=True)


def toml_missing_value():
    return tomllib.loads("port = ")


def toml_bad_key():
    return tomllib.loads("[server\nport = 1")


def eval_syntax_missing_colon():
    return compile("if ready\n    pass\n", "<rule>", "exec")


def encode_ascii():
    return "café".encode("ascii")


def encode_latin1():
    return "price: 5 €".encode("latin-1")


def unhexlify_odd():
    import binascii

    return binascii.unhexlify("abc")


def unhexlify_nonhex():
    import binascii

    return binascii.unhexlify("zz")
