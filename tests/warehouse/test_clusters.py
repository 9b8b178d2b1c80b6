"""Story clusters on crafted near-duplicates: wire copies with small edits group, different stories do not."""

from __future__ import annotations

from datetime import timedelta

from newsetl.dedup.minhash import BANDS, NUM_PERM, ROWS_PER_BAND, SCHEME
from newsetl.warehouse.clusters import SIMILARITY_THRESHOLD
from tests.dedup.test_minhash import OTHER, STORY
from tests.warehouse.conftest import T0, Warehouse, make_article

THIRD = (
    "The city library reopened on Wednesday after a two-year refit that added a rooftop reading room, longer "
    "opening hours and a makerspace with 3D printers. Visitors queued before the doors opened at nine."
)
RETITLED = STORY.replace("on Thursday night", "late on Thursday night") + " This story was provided by Wire."
TRIMMED = STORY.rsplit(" Regional", 1)[0] + " Reporting by Lukas Berger; editing by Sofia Marin."


def _stories(warehouse: Warehouse) -> dict[str, str]:
    return dict(warehouse.rows("SELECT a.uri, c.story_id FROM story_clusters c JOIN articles a USING (article_id)"))


def test_copies_across_sources_share_a_story_and_others_stand_alone(warehouse: Warehouse) -> None:
    wire = make_article("wire", "rail.json", STORY)
    warehouse.load(
        [
            wire,
            make_article("partner", "rail.html", RETITLED),
            make_article("regional", "rail.txt", TRIMMED),
            make_article("wire", "solar.json", OTHER),
            make_article("courier", "library.html", THIRD),
        ]
    )
    stories = _stories(warehouse)
    assert stories["rail.json"] == stories["rail.html"] == stories["regional" and "rail.txt"]
    assert len(set(stories.values())) == 3
    assert stories["solar.json"] != stories["rail.json"]
    assert warehouse.value("SELECT count(*) FROM stories") == 3
    assert warehouse.rows("SELECT copies, sources FROM stories WHERE copies > 1") == [(3, 3)]


def test_the_story_id_is_the_first_seen_copy_and_stays_when_copies_join(warehouse: Warehouse) -> None:
    partner = make_article("partner", "rail.html", RETITLED)
    warehouse.load([partner, make_article("wire", "solar.json", OTHER)])
    assert _stories(warehouse)["rail.html"] == partner["article_id"]
    warehouse.load([make_article("wire", "rail.json", STORY)], at=T0 + timedelta(hours=2))
    stories = _stories(warehouse)
    assert stories["rail.json"] == stories["rail.html"] == partner["article_id"]


def test_an_edit_that_makes_a_copy_a_different_story_takes_it_out(warehouse: Warehouse) -> None:
    warehouse.load([make_article("wire", "rail.json", STORY), make_article("partner", "rail.html", RETITLED)])
    assert len(set(_stories(warehouse).values())) == 1
    warehouse.load([make_article("partner", "rail.html", THIRD)], at=T0 + timedelta(hours=1))
    stories = _stories(warehouse)
    assert stories["rail.json"] != stories["rail.html"]
    assert warehouse.value("SELECT count(*) FROM story_edges") == 0


def test_copies_of_copies_are_one_story(warehouse: Warehouse) -> None:
    # Each step changes a little; the ends are further apart than any neighbours.
    steps = [STORY]
    for number in range(4):
        words = steps[-1].split()
        words[10 * number + 5] = f"changed{number}"
        steps.append(" ".join(words) + f" Extra sentence number {number} added by an editor here.")
    warehouse.load([make_article(f"site{i}", f"copy{i}.html", text) for i, text in enumerate(steps)])
    assert len(set(_stories(warehouse).values())) == 1


def test_short_bodies_are_stories_of_their_own(warehouse: Warehouse) -> None:
    warehouse.load(
        [make_article("a", "1.html", "Photos of the day."), make_article("b", "2.html", "Photos of the day.")]
    )
    assert len(set(_stories(warehouse).values())) == 2
    assert warehouse.value("SELECT count(*) FROM article_signatures") == 0


def test_an_unchanged_article_cleaned_again_renews_a_signature_made_another_way(warehouse: Warehouse) -> None:
    articles = [make_article("wire", "rail.json", STORY), make_article("partner", "rail.html", RETITLED)]
    warehouse.load(articles)
    stories = _stories(warehouse)
    warehouse.connection.execute("UPDATE article_signatures SET scheme = 'an-older-scheme'")
    counts = warehouse.load(articles, at=T0 + timedelta(days=1))  # the same content, cleaned again: unchanged
    assert counts.totals["articles_unchanged"] == 2
    assert warehouse.rows("SELECT DISTINCT scheme FROM article_signatures") == [(SCHEME,)]
    assert _stories(warehouse) == stories


def test_band_buckets_are_the_hashes_of_the_band_values_as_stored_before(warehouse: Warehouse) -> None:
    # Buckets stored by earlier loads hashed a slice of the signature; new ones must land in the same buckets.
    warehouse.load([make_article("wire", "rail.json", STORY), make_article("wire", "solar.json", OTHER)])
    assert warehouse.value("SELECT count(*) FROM signature_bands") == 2 * BANDS
    differing = warehouse.value(
        f"""
        SELECT count(*) FROM signature_bands b JOIN article_signatures s USING (article_id)
        WHERE b.bucket <> hash(s.minhash[b.band * {ROWS_PER_BAND} + 1 : (b.band + 1) * {ROWS_PER_BAND}])
        """
    )
    assert differing == 0


def test_an_edge_holds_the_share_of_signature_values_that_agree(warehouse: Warehouse) -> None:
    warehouse.load([make_article("wire", "rail.json", STORY), make_article("partner", "rail.html", RETITLED)])
    [(first, second, similarity)] = warehouse.rows(
        """
        SELECT a.minhash, b.minhash, e.similarity FROM story_edges e
        JOIN article_signatures a ON a.article_id = e.article_a JOIN article_signatures b ON b.article_id = e.article_b
        """
    )
    agreeing = sum(x == y for x, y in zip(first, second, strict=True))
    assert SIMILARITY_THRESHOLD <= similarity == agreeing / NUM_PERM < 1
