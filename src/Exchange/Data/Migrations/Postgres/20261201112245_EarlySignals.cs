using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Avz.Exchange.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EarlySignals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "signals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Convenant = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubjectIndex = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    SubjectPseudonym = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Party = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContactRole = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ValidUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_signals_Convenant_SubjectIndex",
                table: "signals",
                columns: new[] { "Convenant", "SubjectIndex" });

            migrationBuilder.CreateIndex(
                name: "IX_signals_ValidUntil",
                table: "signals",
                column: "ValidUntil");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "signals");
        }
    }
}
