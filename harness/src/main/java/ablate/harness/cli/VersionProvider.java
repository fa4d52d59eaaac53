package ablate.harness.cli;

import picocli.CommandLine;

/** {@code ablate --version}: Ablate, DJL and Java versions. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String ablateVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[]{"ablate " + ablateVersion(),
                "DJL " + ai.djl.engine.Engine.getDjlVersion() + " (PyTorch engine), Java " + System.getProperty("java.version")};
    }
}
