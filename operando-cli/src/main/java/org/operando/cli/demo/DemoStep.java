package org.operando.cli.demo;

/** One part of {@code operando demo}: runs a capability and adds a section to the report. */
public interface DemoStep {
    String title();

    void run(DemoContext ctx) throws Exception;
}
