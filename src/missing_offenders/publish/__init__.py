"""What readers see: charts, force briefs, the index page, page templates and links."""
