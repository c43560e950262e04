#pragma once

// A grid of buttons in up to N equal columns that folds into fewer columns
// (down to one) when its width cannot hold them side by side: at large text
// sizes in a narrow column every button stays whole instead of the column
// scrolling sideways. Its minimum width is that of its widest item alone.
// GUI thread only.

#include <QLayout>
#include <QList>

namespace warmline::app {

class FoldingGrid : public QLayout
{
public:
    explicit FoldingGrid(int maxColumns, QWidget* parent = nullptr);
    ~FoldingGrid() override;

    void addItem(QLayoutItem* item) override;
    int count() const override { return static_cast<int>(m_items.size()); }
    QLayoutItem* itemAt(int index) const override;
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

    /// How many columns a width holds (1..maxColumns).
    int columnsFor(int width) const;

private:
    int arrange(const QRect& rect, bool apply) const;
    int cellWidth() const;

    QList<QLayoutItem*> m_items;
    int m_maxColumns = 2;
};

} // namespace warmline::app
