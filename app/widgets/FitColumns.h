#pragma once

// Keeps a table's columns inside its width: each column gets the width its
// visible cells and header want while they fit; when they do not (large
// text, a narrow pane) the wider columns give up width in proportion and
// their text is elided ("Tender Lag…"), instead of the table scrolling
// sideways and hiding its right-hand columns. One column can be kept whole
// (the risk badge). The last column takes what is left. GUI thread only.

#include <QObject>

class QTableView;

namespace warmline::app {

class FitColumns : public QObject
{
    Q_OBJECT
public:
    /// Installs itself on `view` (its parent); `keepWhole` is a logical
    /// column never narrowed, or -1.
    FitColumns(QTableView* view, int keepWhole);

    /// Lays the columns out again now (also done on resize and model changes).
    void fit();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void schedule();

    QTableView* m_view;
    int m_keepWhole;
    bool m_pending = false;
};

} // namespace warmline::app
