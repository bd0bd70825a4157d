"""The Textual trainer: screens and widgets over the domain and the store."""
