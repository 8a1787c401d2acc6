using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Avz.Exchange.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LogReconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "log_reconciliation",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    NextIndex = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_reconciliation", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "log_reconciliation");
        }
    }
}
