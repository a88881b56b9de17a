"""lawcheck coverage: which elements no scenario shows deciding, which regions none shows."""

from __future__ import annotations

import pytest

from datetime import date

from lawcheck.engine.coverage import coverage
from lawcheck import explore
from lawcheck.engine.run import in_force, run
from lawcheck import load_suites


AS_OF = date(2026, 1, 1)      # the law in force then: a fixed date, so the test does not age


@pytest.fixture(scope="module")
def exploration(statutes):
    return explore(statutes, ids=tuple(i.id for i in statutes.instruments if in_force(i, AS_OF)))


def _element(cov, inst, limb, name):
    return next(e for e in cov.elements
                if e.instrument == inst and e.limb == limb and e.element == name)


def test_an_element_is_shown_deciding_when_its_limb_fails_on_it_alone(statutes, suites,
                                                                      exploration):
    cov = coverage(run(statutes, suites, AS_OF), exploration)
    means = _element(cov, "vn-cc-150", "Art. 150(1)(b)", "means")
    assert "age-17-handed-over-no-means" in means.deciding      # 150(1)(b) fails on means only
    age = _element(cov, "vn-cc-151", "Art. 151(1)(b)", "victim's age")
    assert "age-17-handed-over-no-means" in age.deciding        # 151(1)(b) fails on age only
    # an element no scenario shows deciding is reported as such
    assert all(not e.deciding for e in cov.untested) and cov.untested


def test_saved_witnesses_demonstrate_every_region_verdicts_can_show(statutes, suites,
                                                                    exploration, cli, tmp_path):
    before = coverage(run(statutes, suites, AS_OF), exploration)
    showable = [r for r in before.regions if r.region.kind == "verdict"
                and r.region.nearer != "either"]
    assert any(not r.scenarios for r in showable)       # the bundled cases leave some out
    assert cli("explore", "--as-of", AS_OF.isoformat(), "--save", "w.yaml",
               cwd=tmp_path).returncode == 0
    more = load_suites([tmp_path / "w.yaml"], statutes)
    after = coverage(run(statutes, suites + more, AS_OF), exploration)
    missing = [r.region.key for r in after.regions if r.region.kind == "verdict"
               and r.region.nearer != "either" and not r.scenarios]
    assert missing == []


def test_coverage_cli(cli, tmp_path):
    p = cli("coverage", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("Elements: ") and "Divergence regions: " in p.stdout
