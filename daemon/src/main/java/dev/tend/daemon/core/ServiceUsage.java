package dev.tend.daemon.core;

/**
 * CPU and memory of one running service's whole process tree at one sample.
 *
 * @param pid        the main process the sample belongs to: a sample of an earlier run is recognisably stale
 * @param cpuPercent share of one core since the previous sample of this run (may exceed 100 on several cores)
 */
public record ServiceUsage(String project, String name, long pid, double cpuPercent, long rssBytes) {
}
