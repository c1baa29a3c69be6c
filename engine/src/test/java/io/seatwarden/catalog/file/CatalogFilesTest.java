package io.seatwarden.catalog.file;

import io.seatwarden.catalog.CatalogException;
import io.seatwarden.catalog.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogFilesTest {
    private static final String HEADER = "\uFEFFProduct_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,"
            + "Service_Plans_Included_Friendly_Names\r\n";

    private final CatalogFiles loader = new CatalogFiles(new CatalogLoader());

    @Test
    void badFileIsAnErrorNamingFileAndLine(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("catalog.csv");
        Files.writeString(file, HEADER
                + "Office 365 E3,ENTERPRISEPACK,6fd2c87f-b296-42f0-b197-1e91e994b900,A,113feb6c-3fe4-4440-bddc-54d774bf0318,A\r\n"
                + "Office 365 E3,ENTERPRISEPACK,not-a-guid,B,24435e4b-87d0-4d7d-8beb-63a9b1573022,B\r\n");

        assertThatThrownBy(() -> loader.fromFile(file))
                .isInstanceOf(CatalogException.class)
                .hasMessage(file + ":3: GUID is not a GUID: 'not-a-guid'");
    }

    @Test
    void wrongHeaderOrFieldCountIsAnError(@TempDir Path directory) throws IOException {
        Path header = directory.resolve("header.csv");
        Files.writeString(header, "Name,Id\r\n");
        Path fields = directory.resolve("fields.csv");
        Files.writeString(fields, HEADER + "Office 365 E3,ENTERPRISEPACK\r\n");

        assertThatThrownBy(() -> loader.fromFile(header)).hasMessageStartingWith(header + ":1: expected the header");
        assertThatThrownBy(() -> loader.fromFile(fields)).hasMessage(fields + ":2: expected 6 fields, found 2");
        assertThatThrownBy(() -> loader.fromFile(directory.resolve("missing.csv"))).hasMessageEndingWith("missing.csv: no such file");
    }

    @Test
    void fromFileReadsADownload(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("catalog.csv");
        try (var in = CatalogLoader.class.getClassLoader().getResourceAsStream(CatalogLoader.BUNDLED_RESOURCE)) {
            Files.copy(in, file);
        }

        assertThat(loader.fromFile(file).products()).hasSize(569);
    }
}
