"""Exports of a dossier: the HTML portfolio (a zip that opens with no server), the dossier PDF
and the jury's minutes PDF. See docs/exports.md."""
