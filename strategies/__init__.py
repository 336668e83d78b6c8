"""Co-drafted strategy documents (the Joint Strategic Plan, the Sustainability Plan):
chapters and numbered paragraphs, versions, paragraph comments, amendments, adoption."""
