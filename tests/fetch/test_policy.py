"""The fetch policy in sources.yaml, and the address guard's idea of "internal" (no network needed)."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from newsetl.config import load_settings
from newsetl.errors import ConfigError, RefusedError
from newsetl.fetch import AddressGuard
from tests.conftest import ConfigFactory


def test_defaults_apply_and_a_source_overrides_them(write_config: ConfigFactory, tmp_path: Path) -> None:
    config = write_config(
        [
            {"name": "slow-site", "kind": "feed", "location": "https://a.example/feed", "fetch": {"host_delay": 5}},
            {"name": "other", "kind": "sitemap", "location": "https://b.example/sitemap.xml"},
        ],
        fetch={"user_agent": "acme-news/2.0 (+https://acme.example/bot)", "allow_hosts": "10.0.0.0/8"},
    )
    settings = load_settings(config)
    slow, other = settings.sources
    assert (slow.fetch.host_delay, other.fetch.host_delay) == (5.0, 1.0)
    assert slow.fetch.user_agent == other.fetch.user_agent == "acme-news/2.0 (+https://acme.example/bot)"
    assert other.fetch.allow_hosts == ("10.0.0.0/8",)
    assert slow.fetch.state == other.fetch.state == tmp_path / "data" / "fetch-state.sqlite"
    assert slow.live
    assert other.live


def test_an_inline_url_list_needs_no_location(write_config: ConfigFactory) -> None:
    config = write_config([{"name": "picked", "kind": "urls", "options": {"urls": ["https://a.example/1"]}}])
    assert load_settings(config).source("picked").location == ""


@pytest.mark.parametrize(
    ("fetch", "message"),
    [
        ({"read_timout": 3}, "unknown option 'read_timout'"),
        ({"read_timeout": 0}, "read_timeout must be greater than 0"),
        ({"retries": -1}, "retries must be a non-negative number"),
        ({"robots": "yes"}, "robots must be true or false"),
        ({"allow_hosts": [1]}, "allow_hosts must be a list of strings"),
        ({"state": "x.sqlite"}, "unknown option 'state'"),
    ],
)
def test_a_wrong_fetch_option_names_the_source_and_field(
    write_config: ConfigFactory, fetch: dict[str, object], message: str
) -> None:
    config = write_config([{"name": "feed", "kind": "feed", "location": "https://a.example/feed", "fetch": fetch}])
    with pytest.raises(ConfigError, match=f"source 'feed': fetch.*{message}"):
        load_settings(config)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.2", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.100.100.200", "fd00:ec2::254",
     "::1", "fe80::1", "64:ff9b::a00:1", "2002:c0a8:0101::1", "224.0.0.1", "0.0.0.0"],
)  # fmt: skip
def test_internal_addresses_are_refused(address: str) -> None:
    with pytest.raises(RefusedError, match="address"):
        AddressGuard().vet(address, 80)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::6810:84e5", "64:ff9b::5db8:d70e"])
def test_public_addresses_pass(address: str) -> None:
    assert ipaddress.ip_address(AddressGuard().vet(address, 80)[0]) == ipaddress.ip_address(address)


def test_the_allowlist_takes_names_addresses_and_networks() -> None:
    guard = AddressGuard(["localhost", "10.0.0.0/8", "192.168.1.7"])
    assert guard.vet("localhost", 80)
    assert guard.vet("10.20.30.40", 80) == ["10.20.30.40"]
    assert guard.vet("192.168.1.7", 80) == ["192.168.1.7"]
    with pytest.raises(RefusedError):
        guard.vet("192.168.1.8", 80)
