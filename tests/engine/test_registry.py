"""The check registry: built-in checks and the cheap look-up for plugins."""
from __future__ import annotations


def test_plugin_shortcut_agrees_with_importlib_metadata(tmp_path, monkeypatch):
    from importlib.metadata import entry_points
    from doclint.engine import registry
    found = list(entry_points(group=registry.ENTRY_POINT_GROUP))
    if not registry._may_have_plugins():
        assert found == []
    dist = tmp_path / "dlplug-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: dlplug\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text(f"[{registry.ENTRY_POINT_GROUP}]\nx = dlplug\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert registry._may_have_plugins()
    assert [e.name for e in entry_points(group=registry.ENTRY_POINT_GROUP)] == ["x"]
