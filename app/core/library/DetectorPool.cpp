#include "DetectorPool.h"

namespace fd::library {

DetectorPool::Lease::~Lease()
{
    if (m_detector)
        m_pool->giveBack(std::move(m_detector));
}

DetectorPool::Lease DetectorPool::acquire() const
{
    {
        QMutexLocker lock(&m_mutex);
        if (!m_idle.empty()) {
            auto detector = std::move(m_idle.back());
            m_idle.pop_back();
            return Lease(this, std::move(detector));
        }
        ++m_created;
    }
    // Loaded outside the lock: other threads need not wait for this one's XML parse.
    return Lease(this, std::make_unique<vision::HaarFaceDetector>(m_path));
}

int DetectorPool::created() const
{
    QMutexLocker lock(&m_mutex);
    return m_created;
}

void DetectorPool::giveBack(std::unique_ptr<vision::HaarFaceDetector> detector) const
{
    QMutexLocker lock(&m_mutex);
    m_idle.push_back(std::move(detector));
}

} // namespace fd::library
