"""Consultations: stakeholder consultation threads and moderation.

Built by the consultations issue; registered now so the layout matches the brief."""
