// The best k of a stream of scored rows in O(log k) per accepted row: a min-heap
// whose top is the worst kept, so that most rows of a long scan cost one comparison.
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <limits>
#include <vector>

namespace fd::match {

struct ScoredRow {
    float score;
    quint32 row;
};

class TopK {
public:
    explicit TopK(int k) : m_k(std::max(k, 1)) { m_heap.reserve(size_t(m_k)); }

    // Rows scoring at or below this cannot get in (ties keep what came first).
    float threshold() const { return m_threshold; }

    void push(float score, quint32 row)
    {
        if (int(m_heap.size()) == m_k) {
            if (!(score > m_threshold))
                return;
            std::pop_heap(m_heap.begin(), m_heap.end(), worseFirst);
            m_heap.back() = {score, row};
        } else {
            m_heap.push_back({score, row});
        }
        std::push_heap(m_heap.begin(), m_heap.end(), worseFirst);
        if (int(m_heap.size()) == m_k)
            m_threshold = m_heap.front().score;
    }

    void merge(const TopK &other)
    {
        for (const ScoredRow &s : other.m_heap)
            push(s.score, s.row);
    }

    // Best first; equal scores in row order, so results do not depend on the heap's history.
    std::vector<ScoredRow> sortedBestFirst() const
    {
        std::vector<ScoredRow> out = m_heap;
        std::sort(out.begin(), out.end(), [](const ScoredRow &a, const ScoredRow &b) {
            return a.score != b.score ? a.score > b.score : a.row < b.row;
        });
        return out;
    }

private:
    static bool worseFirst(const ScoredRow &a, const ScoredRow &b) { return a.score > b.score; }

    int m_k;
    float m_threshold = -std::numeric_limits<float>::infinity();
    std::vector<ScoredRow> m_heap;
};

} // namespace fd::match
