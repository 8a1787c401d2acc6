using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Avz.Exchange.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PolicyVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "policy_versions",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "TEXT", maxLength: 71, nullable: false),
                    Convenant = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "TEXT", nullable: false),
                    Yaml = table.Column<string>(type: "TEXT", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StoredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StoredByParty = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StoredByClient = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    StoredByActor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedByParty = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ApprovedByClient = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ApprovedByActor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_versions", x => x.Hash);
                });

            migrationBuilder.CreateTable(
                name: "policy_activations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Convenant = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 71, nullable: false),
                    ActivatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ActivatedByParty = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActivatedByClient = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ActivatedByActor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_policy_activations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_policy_activations_policy_versions_Hash",
                        column: x => x.Hash,
                        principalTable: "policy_versions",
                        principalColumn: "Hash",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_policy_activations_Convenant",
                table: "policy_activations",
                column: "Convenant");

            migrationBuilder.CreateIndex(
                name: "IX_policy_activations_Hash",
                table: "policy_activations",
                column: "Hash");

            migrationBuilder.CreateIndex(
                name: "IX_policy_versions_Convenant",
                table: "policy_versions",
                column: "Convenant");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "policy_activations");

            migrationBuilder.DropTable(
                name: "policy_versions");
        }
    }
}
