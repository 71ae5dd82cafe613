// Bulk import, step by step: choose a folder, CSV or ZIP and how names are read;
// preview the first rows (and, for a CSV, which column is which); run with progress,
// rate, time left and Cancel; read the report with every photo's fate beside it.
#pragma once

#include "library/CsvColumns.h"
#include "library/FileNameReading.h"
#include "library/ImportRun.h"
#include "library/ImportSource.h"
#include "store/Database.h"

#include <QWizard>

#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;

namespace fd::ui {

class ImportReportModel;

class ImportWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { SourcePage, PreviewPage, RunPage, ReportPage };
    enum class SourceKind { Folder, Csv, Zip };

    // lists: the library's lists, as the window has read them (the wizard reads nothing
    // of the archive on the GUI thread; the run has a connection of its own).
    ImportWizard(const store::DatabaseConfig &archive, const QList<library::FaceList> &lists, QWidget *parent = nullptr);
    ~ImportWizard() override;

    // What the admin would pick on the first page (also for tests and screenshots).
    void setSource(SourceKind kind, const QString &path);
    // A forced pattern; empty: names read by their shape (the default).
    void setPattern(const QString &pattern);
    // What a short number at the end of a file name is (the preview page's question).
    void setTrailingNumbers(library::FileNameReading::Trailing trailing);
    void setTargetList(int listId);

    // The source as configured, opened; null with *error.
    std::unique_ptr<library::ImportSource> openSource(QString *error) const;
    library::ImportRun *run() const { return m_run.get(); }
    const library::ImportReport &report() const;
    QTableWidget *previewTable() const { return m_preview; }
    QTableView *reportTable() const { return m_reportView; }

signals:
    // The run ended and committed what it could (the library changed when any
    // person was imported).
    void importFinished(const fd::library::ImportReport &report);

private:
    friend class ImportSourcePage;
    friend class ImportPreviewPage;
    friend class ImportRunPage;
    friend class ImportReportPage;

    QWidget *buildSourcePage();
    void fillPreview();
    void startRun();
    void onProgress(const library::ImportProgress &progress);
    void onRunFinished();
    void saveReport();
    std::optional<library::CsvColumns> mappingFromBoxes() const;

    store::DatabaseConfig m_archive;
    QList<library::FaceList> m_lists;
    SourceKind m_kind = SourceKind::Folder;
    QLineEdit *m_path;
    QComboBox *m_naming;     // by shape, or by the pattern in m_pattern
    QLineEdit *m_pattern;
    QWidget *m_trailingRow;  // the preview's question about trailing numbers
    QComboBox *m_trailing;
    bool m_trailingTouched = false;
    QCheckBox *m_recursive;
    QComboBox *m_list;
    QCheckBox *m_addDuplicates;
    QLabel *m_sourceInfo;
    QTableWidget *m_preview;
    QList<QComboBox *> m_mapping;  // name, gender, card, list, photo, notes
    QWidget *m_mappingRow;
    QProgressBar *m_progress;
    QLabel *m_progressLabel;
    QPushButton *m_cancel;
    QLabel *m_summary;
    ImportReportModel *m_reportModel;
    QSortFilterProxyModel *m_reportFilter;
    QTableView *m_reportView;
    std::unique_ptr<library::ImportRun> m_run;
    library::ImportReport m_report;
    bool m_mappingTouched = false;
};

} // namespace fd::ui
