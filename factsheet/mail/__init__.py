"""Email-ready briefings: a standards-conformant MIME message, and sending it through SMTP."""
