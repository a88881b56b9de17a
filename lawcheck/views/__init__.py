"""Writers for people and programs: terminal text, JSON documents, the HTML report."""
