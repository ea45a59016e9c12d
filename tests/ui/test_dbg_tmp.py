def test_dbg(qtbot, db):
    from tests.ui.test_every_field_typed import _show, editable_inputs, _registry
    from app.ui.dialogs.contract_editor import ContractEditor
    from app.ui.dialogs.contract_children import ReportDialog, ControlDialog
    from app.ui.dialogs.paper_report import PaperReportDialog
    _registry(db)
    for d in (ContractEditor(db), PaperReportDialog(db)):
        d = _show(qtbot, d)
        print(type(d).__name__, sorted(editable_inputs(d)))
    assert 0
