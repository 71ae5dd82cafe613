// Face detectors for many threads at once. One OpenCV cascade must not run two
// detections at the same time, and loading one takes tens of milliseconds, so
// detectors are lent out and returned: there are never more than the threads that
// have used the pool at once, and each is loaded once.
#pragma once

#include "vision/HaarFaceDetector.h"

#include <QMutex>
#include <QString>

#include <memory>
#include <vector>

namespace fd::library {

class DetectorPool {
public:
    // A detector lent to one thread; goes back to the pool when the lease ends.
    class Lease {
    public:
        Lease(const DetectorPool *pool, std::unique_ptr<vision::HaarFaceDetector> detector)
            : m_pool(pool), m_detector(std::move(detector)) {}
        Lease(Lease &&) = default;
        Lease &operator=(Lease &&) = delete;
        ~Lease();
        const vision::HaarFaceDetector &operator*() const { return *m_detector; }
        const vision::HaarFaceDetector *operator->() const { return m_detector.get(); }

    private:
        const DetectorPool *m_pool;
        std::unique_ptr<vision::HaarFaceDetector> m_detector;
    };

    // An empty path means opencv-data's default cascade.
    explicit DetectorPool(const QString &cascadePath = {}) : m_path(cascadePath) {}

    Lease acquire() const;
    // Detectors loaded so far (lent and idle): for tests and diagnostics.
    int created() const;

private:
    void giveBack(std::unique_ptr<vision::HaarFaceDetector> detector) const;

    QString m_path;
    mutable QMutex m_mutex;
    mutable std::vector<std::unique_ptr<vision::HaarFaceDetector>> m_idle;
    mutable int m_created = 0;
};

} // namespace fd::library
